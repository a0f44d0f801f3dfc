//! Nothing here: the tests are under `tests/` (see `TESTING.md` at the
//! repository root).
