//! Per-type work without a per-type list: the payload type `T` of an
//! [`EventType`] is learnt by visiting the parse of its published example.

use qlik_events::{Error, Event, EventData, EventType, EventVisitor};

use super::fixture_bytes;

/// `Event::<T>::from_str(input)` for the payload type `T` of the known type
/// `ty` (panics for an unknown type: the caller meant a known one).
pub fn parse_typed(ty: &EventType, input: &str) -> Result<(), Error> {
    struct Parse<'a>(&'a str);
    impl EventVisitor for Parse<'_> {
        type Output = Result<(), Error>;
        fn visit<T: EventData>(self, _: &Event<T>) -> Self::Output {
            Event::<T>::from_str(self.0).map(drop)
        }
    }
    let example = qlik_events::from_slice(&fixture_bytes(ty.as_str()))
        .unwrap_or_else(|e| panic!("{ty}: its published example: {e}"));
    example
        .visit(Parse(input))
        .unwrap_or_else(|| panic!("not a known type: {ty}"))
}
