//! Builds a realistic `com.qlik.v1.license.lease.created` event, signs it the
//! way Qlik Cloud signs webhook deliveries, and verifies the signature: what
//! a test of a webhook handler needs. Also shows one of the published
//! samples.
//!
//! ```text
//! cargo run --example build_test_event
//! ```

use chrono::SubsecRound;
use qlik_events::licenses::LeaseCreated;
use qlik_events::{EventType, samples};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let body = build_body()?;
    println!("-- event body --\n{}\n", String::from_utf8_lossy(&body));
    sign_and_verify(&body)?;

    // The vendor's published example of the same type, ready-made.
    let sample = samples::lease_created();
    println!(
        "-- published sample ({}) --\nleasedQuantity = {}, tenantid = {:?}",
        EventType::LeaseCreated,
        sample.data.leased_quantity,
        sample.tenant_id()
    );
    println!(
        "{}",
        samples::json(&EventType::LeaseCreated).unwrap_or_default()
    );
    Ok(())
}

/// The payload, made with its builder (payload structs are `#[non_exhaustive]`).
fn lease() -> Result<LeaseCreated, qlik_events::Error> {
    LeaseCreated::builder()
        .name("automl-deployment-1")
        .size(4)
        .excess(false)
        .license("1234123412341234")
        .resource("amlDepModel")
        .created_at(None)
        .updated_at(chrono::Utc::now().trunc_subsecs(3))
        .excess_quantity(0)
        .leased_quantity(1)
        .license_quantity(10)
        .license_unlimited(false)
        .build()
}

/// The event with a fresh `id`, the current `time` and the other defaults.
#[cfg(feature = "builder")]
fn build_body() -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    use qlik_events::licenses::LeaseCreatedEvent;

    let event = LeaseCreatedEvent::builder(lease()?)
        .tenant_id("my-tenant")
        .user_id("my-user")
        .auth_type("user")
        .build()?;
    Ok(serde_json::to_vec_pretty(&event)?)
}

/// Without the `builder` feature: the payload under a sample's envelope.
#[cfg(not(feature = "builder"))]
fn build_body() -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    println!("(feature `builder` is off: using the envelope of a published sample)\n");
    let mut event = samples::lease_created();
    event.data = lease()?;
    Ok(serde_json::to_vec_pretty(&event)?)
}

#[cfg(feature = "webhook")]
fn sign_and_verify(body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
    use qlik_events::QlikEvent;
    use qlik_events::webhook::{Verifier, sign};

    let secret = "a-webhook-secret-of-at-least-32-characters";
    let signature = sign(body, secret);
    println!("Qlik-Signature: {signature}\n");

    // What the handler under test does with the request.
    let event = Verifier::new(secret).verify_and_parse(body, &signature)?;
    let QlikEvent::LeaseCreated(event) = event else {
        return Err(format!("unexpected event type {}", event.event_type()).into());
    };
    println!(
        "verified: {} {} (lease {:?} of license {})\n",
        event.event_type(),
        event.id().unwrap_or("-"),
        event.data.name,
        event.data.license
    );
    Ok(())
}

#[cfg(not(feature = "webhook"))]
fn sign_and_verify(_body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
    println!("(feature `webhook` is off: not signing)\n");
    Ok(())
}
