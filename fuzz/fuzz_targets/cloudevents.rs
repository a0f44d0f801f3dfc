//! Conversions between `QlikEvent` and `cloudevents::Event` on events read
//! from arbitrary bytes.
//!
//! Checked on every input: no panic; an event that converts to a
//! `cloudevents::Event` converts back without panicking, and when it comes
//! back its type, id, source and time are the ones it had; its JSON form
//! (structured mode) reads back as a `cloudevents::Event` equal to it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qlik_events::QlikEvent;

fuzz_target!(|data: &[u8]| {
    let Ok(event) = qlik_events::from_slice(data) else {
        return;
    };
    let Ok(ce) = cloudevents::Event::try_from(&event) else {
        return;
    };
    if let Ok(text) = serde_json::to_vec(&ce) {
        let again: cloudevents::Event =
            serde_json::from_slice(&text).expect("cloudevents reads what it wrote");
        assert_eq!(again, ce, "structured mode changed the event");
    }
    if let Ok(back) = QlikEvent::try_from(ce) {
        assert_eq!(back.event_type(), event.event_type());
        assert_eq!(back.id(), event.id());
        assert_eq!(back.source(), event.source());
        assert_eq!(back.time(), event.time());
    }
});
