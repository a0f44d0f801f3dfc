//! The crate against the vendor's own pages: the anchor that keeps every
//! other oracle honest.
//!
//! `tests/spec/` holds byte-for-byte copies of the vendor's event pages, in
//! both published versions (`tests/spec/NOTES.md` and
//! `tests/spec/vendor-2026/CHANGES.md` say what they are). This file parses
//! them (`tests/common/pages.rs`) and checks, for every event type on them:
//! the envelope's Required flags against the registry
//! (`EventType::requires_*`), the fields of `data` (names, presence, shapes,
//! nested objects) against `qlik_events::schema`, and every example against
//! its fixture. The crate accepts the union of both versions: a field
//! optional in either is optional. Where the crate deliberately differs from
//! the pages, the difference is in [`DEVIATIONS`], with its reason.
//!
//! Other tests (`tests/invalid.rs`) derive their expectations from
//! `schema`; this file is what makes that not circular.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

#[path = "common/pages.rs"]
mod pages;

use std::collections::BTreeMap;
use std::path::Path;

use pages::{Kind, Page, PageField, Version};
use qlik_events::EventType;
use qlik_events::schema::{Field, Presence, Shape};

/// Types on the pages that the crate does not model, each with why. Empty:
/// the pages publish a payload for every type they list, and the crate
/// models each. (`com.qlik.v1.licenses.purged` is announced elsewhere,
/// without a payload, and is on no page: see `tests/spec/NOTES.md`.)
const NOT_MODELLED: &[(&str, &str)] = &[];

/// Which fact of a field a deviation is about.
#[derive(Clone, Copy, Debug)]
enum Aspect {
    Presence,
    Shape,
}

/// A deliberate difference between the pages and the crate, on every event
/// type with a `data` field at `path`.
struct Deviation {
    /// The field's path in `data` (`[]` for an array's items).
    path: &'static str,
    aspect: Aspect,
    /// What the pages say (both versions, once merged).
    page: &'static str,
    /// What the crate does instead.
    schema: &'static str,
    why: &'static str,
}

/// The crate's deliberate differences from the pages, each with its reason
/// (numbers are those of `tests/spec/NOTES.md`, "Inside the two files").
const DEVIATIONS: &[Deviation] = &[
    Deviation {
        path: "license",
        aspect: Aspect::Shape,
        page: "string",
        schema: "license number",
        why: "NOTES.md 1: every license example of the older pages sends a JSON number",
    },
    Deviation {
        path: "_updates[].newValue",
        aspect: Aspect::Presence,
        page: "required",
        schema: "defaulted",
        why: "NOTES.md 2: the published lease.updated example omits it; absent reads as null",
    },
    Deviation {
        path: "_updates[].oldValue",
        aspect: Aspect::Presence,
        page: "required",
        schema: "defaulted",
        why: "NOTES.md 2: as newValue",
    },
    Deviation {
        path: "valid.Start",
        aspect: Aspect::Shape,
        page: "string",
        schema: "any",
        why: "NOTES.md, Around them: the machine-readable schema leaves the bounds untyped; kept as sent",
    },
    Deviation {
        path: "valid.Stop",
        aspect: Aspect::Shape,
        page: "string",
        schema: "any",
        why: "NOTES.md, Around them: as valid.Start",
    },
];

/// One field's facts, flattened: its path in `data`, presence, shape name.
type Facts = Vec<(String, String, String)>;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every page, with the `edits` (`(page, from, to)`, each replacing the
/// first `from`) made: the checks below must notice.
fn altered(edits: &[(&str, &str, &str)]) -> Vec<Page> {
    pages::PAGES
        .iter()
        .map(|&(p, version, fixtures)| {
            let mut text = read(p);
            for (_, from, to) in edits.iter().filter(|(path, _, _)| *path == p) {
                assert!(text.contains(from), "{p} has no `{from}`");
                text = text.replacen(from, to, 1);
            }
            pages::parse(p, version, fixtures, &text)
        })
        .collect()
}

/// The sections of `ty` on `pages`, with each one's version.
fn sections<'a>(pages: &'a [Page], ty: &str) -> Vec<(Version, &'a pages::PageEvent)> {
    pages
        .iter()
        .flat_map(|p| p.events.iter().map(move |e| (p.version, e)))
        .filter(|(_, e)| e.event_type == ty)
        .collect()
}

/// Every page type is modelled or listed in [`NOT_MODELLED`]; every
/// modelled type is on the pages, once per version at most.
fn check_types(pages: &[Page]) -> Vec<String> {
    let mut problems = Vec::new();
    for page in pages {
        for event in &page.events {
            let modelled = EventType::known(&event.event_type).is_some();
            let listed = NOT_MODELLED.iter().any(|(t, _)| *t == event.event_type);
            if !modelled && !listed {
                problems.push(format!(
                    "{}: `{}` is neither in EventType::KNOWN nor in NOT_MODELLED",
                    event.at, event.event_type
                ));
            }
        }
    }
    for (ty, _) in NOT_MODELLED {
        if EventType::known(ty).is_some() {
            problems.push(format!("`{ty}` is modelled: take it out of NOT_MODELLED"));
        }
    }
    // A type the vendor publishes later is on the newer pages only; one
    // that is dropped, on the older only: on one version at least, and at
    // most once in each.
    for ty in EventType::KNOWN {
        let found = sections(pages, ty.as_str());
        if found.is_empty() {
            problems.push(format!("`{ty}` is on no page of either version"));
        }
        for version in [Version::Older, Version::Newer] {
            let on = found.iter().filter(|(v, _)| *v == version).count();
            if on > 1 {
                problems.push(format!("`{ty}` is on {on} {version:?} pages, not one"));
            }
        }
    }
    problems
}

/// Envelope: the Required flags of `type`, `data` and `tenantid` are the
/// registry's, and no other attribute is required; deprecation and channel.
fn check_envelopes(pages: &[Page]) -> Vec<String> {
    let mut problems = Vec::new();
    for ty in EventType::KNOWN {
        let found = sections(pages, ty.as_str());
        // Required in the union: required on every version's page.
        let required = |name: &str| found.iter().all(|(_, e)| e.requires(name));
        let registry = [
            ("type", ty.requires_type()),
            ("data", ty.requires_data()),
            ("tenantid", ty.requires_tenant_id()),
        ];
        for (name, expected) in registry {
            if required(name) != expected {
                problems.push(format!(
                    "{ty}: the pages {} `{name}`, the registry {}",
                    if required(name) {
                        "require"
                    } else {
                        "do not require"
                    },
                    if expected { "does" } else { "does not" }
                ));
            }
        }
        for (_, event) in &found {
            for attribute in &event.attributes {
                if attribute.required
                    && !registry.iter().any(|(n, _)| *n == attribute.name)
                    && required(&attribute.name)
                {
                    problems.push(format!(
                        "{}: `{}` is required on {ty}, an attribute the registry has no column for",
                        attribute.at, attribute.name
                    ));
                }
            }
            if event.deprecated != ty.is_deprecated() {
                problems.push(format!(
                    "{}: deprecated {} on the page",
                    event.at, event.deprecated
                ));
            }
            if let Some(channel) = &event.channel
                && ty.channel().map(|c| c.as_str()) != Some(channel.as_str())
            {
                problems.push(format!(
                    "{}: published on `{channel}`, not {:?}",
                    event.at,
                    ty.channel()
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    problems
}

/// A page's fields, flattened (`prefix` is the path of their object).
fn page_facts(fields: &[PageField], prefix: &str, out: &mut Facts) {
    for field in fields {
        let path = format!("{prefix}{}", field.name);
        let presence = if field.required {
            "required"
        } else {
            "optional"
        };
        out.push((path.clone(), presence.into(), field.kind.name()));
        let nested = match &field.kind {
            Kind::Array(_) => format!("{path}[]."),
            _ => format!("{path}."),
        };
        page_facts(field.kind.fields().unwrap_or_default(), &nested, out);
    }
}

/// The name of a `schema` shape, as [`Kind::name`] names the pages'.
fn shape_name(shape: &Shape) -> String {
    match shape {
        Shape::String => "string".into(),
        Shape::DateTime => "date-time".into(),
        Shape::Integer => "integer".into(),
        Shape::Boolean => "boolean".into(),
        Shape::OneOf(values) => format!("one of {}", values.join(" | ")),
        Shape::LicenseNumber => "license number".into(),
        Shape::Object(_) => "object".into(),
        Shape::Array(inner) => format!("array of {}", shape_name(inner)),
        Shape::Nullable(inner) => format!("{} or null", shape_name(inner)),
        Shape::Any => "any".into(),
        other => panic!("a shape tests/spec.rs does not know yet: {other:?}"),
    }
}

/// The fields of an object shape, through arrays and `null`.
fn nested(shape: &Shape) -> (&'static [Field], bool) {
    match shape {
        Shape::Object(fields) => (fields, false),
        Shape::Array(inner) => (nested(inner).0, true),
        Shape::Nullable(inner) => nested(inner),
        _ => (&[], false),
    }
}

/// `schema`'s fields, flattened as [`page_facts`] does.
fn schema_facts(fields: &[Field], prefix: &str, out: &mut Facts) {
    for field in fields {
        let path = format!("{prefix}{}", field.name);
        let presence = match field.presence {
            Presence::Required => "required",
            Presence::Optional => "optional",
            Presence::Defaulted => "defaulted",
            other => panic!("a presence tests/spec.rs does not know yet: {other:?}"),
        };
        out.push((path.clone(), presence.into(), shape_name(&field.shape)));
        let (fields, array) = nested(&field.shape);
        let prefix = if array {
            format!("{path}[].")
        } else {
            format!("{path}.")
        };
        schema_facts(fields, &prefix, out);
    }
}

/// The union of the versions' facts of one type: a field is required when
/// every version that has its parent object requires it; a shape that only
/// one version says may be `null` may be `null`.
fn union(versions: &[(Version, Facts)], ty: &EventType, problems: &mut Vec<String>) -> Facts {
    let mut sorted: Vec<&(Version, Facts)> = versions.iter().collect();
    sorted.sort_by_key(|(v, _)| std::cmp::Reverse(*v));
    let mut order: Vec<String> = Vec::new();
    for (_, facts) in &sorted {
        for (path, _, _) in facts {
            if !order.contains(path) {
                order.push(path.clone());
            }
        }
    }
    let has = |facts: &Facts, path: &str| facts.iter().find(|(p, _, _)| p == path).cloned();
    order
        .into_iter()
        .map(|path| {
            let parent = path
                .rsplit_once('.')
                .map(|(p, _)| p.trim_end_matches("[]").to_owned());
            let mut required = true;
            let mut kinds: Vec<String> = Vec::new();
            for (_, facts) in versions {
                if parent.as_ref().is_some_and(|p| has(facts, p).is_none()) {
                    continue;
                }
                match has(facts, &path) {
                    Some((_, presence, kind)) => {
                        required &= presence == "required";
                        if !kinds.contains(&kind) {
                            kinds.push(kind);
                        }
                    }
                    None => required = false,
                }
            }
            kinds.sort_by_key(|k| k.len());
            let kind = match kinds.as_slice() {
                [one] => one.clone(),
                [plain, nullable] if *nullable == format!("{plain} or null") => nullable.clone(),
                _ => {
                    problems.push(format!(
                        "{ty}: the versions disagree on data.{path}: {kinds:?}"
                    ));
                    kinds.join(" / ")
                }
            };
            let presence = if required { "required" } else { "optional" };
            (path, presence.to_owned(), kind)
        })
        .collect()
}

/// `data`: the pages' fields (both versions merged, [`DEVIATIONS`]
/// applied) are `schema`'s. (Not their order: the newer pages reorder
/// `definition.updated`'s fields.)
fn check_data(pages: &[Page]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut used = vec![false; DEVIATIONS.len()];
    for ty in EventType::KNOWN {
        let versions: Vec<(Version, Facts)> = sections(pages, ty.as_str())
            .into_iter()
            .map(|(version, event)| {
                let mut facts = Facts::new();
                page_facts(event.data_fields(), "", &mut facts);
                (version, facts)
            })
            .collect();
        let mut expected = union(&versions, ty, &mut problems);
        for (path, presence, kind) in &mut expected {
            for (i, d) in DEVIATIONS.iter().enumerate() {
                let fact = match d.aspect {
                    Aspect::Presence => &mut *presence,
                    Aspect::Shape => &mut *kind,
                };
                if d.path == path && fact == d.page {
                    *fact = d.schema.to_owned();
                    used[i] = true;
                }
            }
        }
        let mut actual = Facts::new();
        let Some(fields) = ty.data_fields() else {
            problems.push(format!("{ty}: no data_fields"));
            continue;
        };
        schema_facts(fields, "", &mut actual);
        let expected_map: BTreeMap<_, _> = expected.iter().map(|(p, r, k)| (p, (r, k))).collect();
        let actual_map: BTreeMap<_, _> = actual.iter().map(|(p, r, k)| (p, (r, k))).collect();
        for (path, page) in &expected_map {
            match actual_map.get(path) {
                None => problems.push(format!("{ty}: data.{path} is on the pages, not in schema")),
                Some(schema) if schema != page => problems.push(format!(
                    "{ty}: data.{path}: the pages (DEVIATIONS applied) say {} {}, schema {} {}",
                    page.0, page.1, schema.0, schema.1
                )),
                Some(_) => {}
            }
        }
        for path in actual_map.keys() {
            if !expected_map.contains_key(path) {
                problems.push(format!("{ty}: data.{path} is in schema, on no page"));
            }
        }
    }
    for (d, used) in DEVIATIONS.iter().zip(used) {
        if !used {
            problems.push(format!(
                "the deviation at data.{} ({:?}: pages {}, schema {}; {}) applies nowhere: remove it",
                d.path, d.aspect, d.page, d.schema, d.why
            ));
        }
    }
    problems
}

/// Every example of every page is its fixture, byte for byte (the fixture
/// has a final newline), and every fixture is an example.
fn check_examples(pages: &[Page]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut examples: Vec<String> = Vec::new();
    let on_older = |ty: &str| {
        pages
            .iter()
            .any(|p| p.version == Version::Older && p.events.iter().any(|e| e.event_type == ty))
    };
    for page in pages {
        for event in &page.events {
            // A type first published on the newer pages has its one
            // fixture (the one `samples::json` reads) in tests/fixtures.
            let dir = if on_older(&event.event_type) {
                page.fixtures
            } else {
                "tests/fixtures"
            };
            let path = format!("{dir}/{}.json", event.event_type);
            examples.push(path.clone());
            let fixture = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path));
            let page_bytes = format!("{}\n", event.example).into_bytes();
            match fixture {
                Ok(bytes) if bytes == page_bytes => {}
                Ok(_) => problems.push(format!("{path} differs from the example of {}", event.at)),
                Err(e) => problems.push(format!("{path}: {e} (the example of {})", event.at)),
            }
            let value: serde_json::Value = serde_json::from_str(&event.example)
                .unwrap_or_else(|e| panic!("the example of {}: {e}", event.at));
            if value["type"] != event.event_type.as_str() {
                problems.push(format!(
                    "{}: the example's type is {}",
                    event.at, value["type"]
                ));
            }
        }
    }
    for dir in ["tests/fixtures", "tests/fixtures/vendor-2026"] {
        for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let path = format!("{dir}/{name}");
            if name.ends_with(".json") && !examples.contains(&path) {
                problems.push(format!("{path} is the example of no page"));
            }
        }
    }
    problems
}

fn assert_none(problems: Vec<String>) {
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn every_page_type_is_modelled_and_every_modelled_type_is_on_a_page() {
    assert_none(check_types(&pages::all()));
}

#[test]
fn envelope_required_flags_are_the_registry() {
    assert_none(check_envelopes(&pages::all()));
}

#[test]
fn data_fields_are_the_schema() {
    assert_none(check_data(&pages::all()));
}

#[test]
fn examples_are_the_fixtures() {
    assert_none(check_examples(&pages::all()));
}

#[test]
fn the_pages_are_read_whole() {
    // A parser that read nothing would pass the checks above vacuously.
    let pages = pages::all();
    for page in &pages {
        assert!(!page.events.is_empty(), "{}", page.path);
        for event in &page.events {
            assert!(
                !event.data_fields().is_empty(),
                "{}: no data fields",
                event.at
            );
            assert!(
                event.attributes.len() > 3,
                "{}: a short Payload table",
                event.at
            );
        }
    }
    let lease = sections(&pages, "com.qlik.v1.license.lease.updated");
    let updates = lease[0]
        .1
        .data_fields()
        .iter()
        .find(|f| f.name == "_updates")
        .unwrap();
    let items: Vec<&str> = updates
        .kind
        .fields()
        .unwrap()
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(items, ["path", "newValue", "oldValue"]);
}

/// Runs `check` on the pages with `edits` made; its problems must include
/// `expected`.
fn breaks(check: fn(&[Page]) -> Vec<String>, edits: &[(&str, &str, &str)], expected: &str) {
    let problems = check(&altered(edits));
    assert!(
        problems.iter().any(|p| p.contains(expected)),
        "the edits {edits:?} should report `{expected}`, got {problems:#?}"
    );
}

#[test]
fn each_check_fails_on_an_altered_page() {
    const OLD: &str = "tests/spec/license-events.md";
    const NEW: &str = "tests/spec/vendor-2026/licenses.md";
    const TXT: &str = "tests/spec/app-usage-events.txt";
    const APP: &str = "tests/spec/vendor-2026/app-usages.md";
    // The pages as they are pass (so that each edit below is what fails).
    assert_none(check_data(&altered(&[])));
    // A shape (lease.created is the first section with `size`).
    let size = "| `size` | `integer` | Yes |";
    breaks(
        check_data,
        &[(OLD, size, "| `size` | `string` | Yes |")],
        "com.qlik.v1.license.lease.created: the versions disagree on data.size",
    );
    breaks(
        check_data,
        &[
            (OLD, size, "| `size` | `string` | Yes |"),
            (NEW, size, "| `size` | `string` | Yes |"),
        ],
        "lease.created: data.size: the pages (DEVIATIONS applied) say required string, schema required integer",
    );
    // Presence, in both versions (assignment `type` was required before).
    breaks(
        check_data,
        &[(
            NEW,
            "| `type` | `string` | No |",
            "| `type` | `string` | Yes |",
        )],
        "com.qlik.license.assignment.deleted: data.type: the pages (DEVIATIONS applied) say required string, schema optional string",
    );
    breaks(
        check_data,
        &[(TXT, "• unitstring\n      Required", "• unitstring")],
        "data.unit: the pages (DEVIATIONS applied) say optional one of byte, schema required",
    );
    // A closed set.
    breaks(
        check_data,
        &[(
            APP,
            "Allowed values: appSizeTotalDefault.",
            "Allowed values: appSizeTotalDefault \\| other.",
        )],
        "the versions disagree on data.quota",
    );
    // Nested fields: a new one, an array item's, a nullable one.
    breaks(
        check_data,
        &[(
            NEW,
            "| `consumptionType` | `string` | Yes |",
            "| `consumptionKind` | `string` | Yes |",
        )],
        "data.dataVolume.consumptionKind is on the pages, not in schema",
    );
    breaks(
        check_data,
        &[(
            APP,
            "| `spaceId` | `string` | No |",
            "| `spaceId` | `integer` | No |",
        )],
        "data.spaceUsages[].spaceId",
    );
    breaks(
        check_data,
        &[(NEW, "Emitted as null when not set.", "")],
        "data.latestValidTime",
    );
    // A deviation that no longer applies.
    breaks(
        check_data,
        &[(NEW, "| `Start` | `string` | No |", "| `Start` | `` | No |")],
        "the deviation at data.valid.Start",
    );
    // The envelope.
    breaks(
        check_envelopes,
        &[(
            OLD,
            "| `tenantid` | `string` | Yes |",
            "| `tenantid` | `string` | No |",
        )],
        "com.qlik.license.definition.updated: the pages do not require `tenantid`",
    );
    breaks(
        check_envelopes,
        &[(TXT, "• tenantidstring\n    Required", "• tenantidstring")],
        "the pages do not require `tenantid`",
    );
    breaks(
        check_envelopes,
        &[
            (APP, "| `id` | `string` | No |", "| `id` | `string` | Yes |"),
            (TXT, "• idstring\n", "• idstring\n    Required\n"),
        ],
        "`id` is required on com.qlik.v1.app-usage.quota.consumed",
    );
    breaks(
        check_envelopes,
        &[(NEW, "**Deprecated:** `true`\n", "")],
        "deprecated false on the page",
    );
    breaks(
        check_envelopes,
        &[(
            APP,
            "on the `system-events.app-usage` channel",
            "on the `system-events.licenses` channel",
        )],
        "published on `system-events.licenses`",
    );
    // Examples and types.
    breaks(
        check_examples,
        &[(NEW, "\"size\": 4,", "\"size\": 5,")],
        "tests/fixtures/vendor-2026/com.qlik.v1.license.lease.created.json differs",
    );
    breaks(
        check_examples,
        &[(TXT, "\"usage\": 2048", "\"usage\": 2049")],
        "tests/fixtures/com.qlik.v1.app-usage.quota.consumed.json differs",
    );
    breaks(
        check_types,
        &[(
            NEW,
            "### com.qlik.v1.license.tenant.associated",
            "### com.example.v1.unknown.type",
        )],
        "`com.example.v1.unknown.type` is neither in EventType::KNOWN nor in NOT_MODELLED",
    );
}
