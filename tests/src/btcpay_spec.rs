//! BTCPay Server's OpenAPI schemas (v2.4.1, byte for byte in the shared folder's `btcpay/`, see
//! [`crate::vendor_specs`] and PROVENANCE.md there) as JSON-schema validators, so the tests
//! check every request our client sends and every response our fake returns against what the
//! vendor publishes.
//!
//! The fragments need three repairs before a validator can use them, none of which loosens
//! them: the fragments' `components.schemas` are merged into one document (they `$ref` each
//! other); `allOf` is flattened into one object with the union of the members' properties
//! (otherwise `additionalProperties: false` in one member forbids the other member's fields,
//! and no real invoice validates); and OpenAPI's `nullable: true` becomes "null or the
//! schema". The `decimal` format is checked (a plain decimal string), so `"25,00"` or a JSON
//! number fails. The schemas require no field at all, so tests also check presence.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

/// The merged, repaired schemas.
pub struct BtcPaySpec {
    doc: Value,
}

impl BtcPaySpec {
    /// Loads every fragment of the shared folder's `btcpay/`.
    pub fn load() -> Self {
        let dir = crate::vendor_specs::path("btcpay");
        let mut schemas = Map::new();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for path in files {
            let fragment: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("spec file"))
                .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            if let Some(found) = fragment.pointer("/components/schemas").and_then(Value::as_object) {
                for (name, schema) in found {
                    schemas.insert(name.clone(), schema.clone());
                }
            }
        }
        let raw = json!({"components": {"schemas": schemas}});
        let flat = flatten(&raw, &raw);
        Self { doc: nullable(&flat) }
    }

    /// Checks `instance` against the schema `name` (`InvoiceData`, `CreateInvoiceRequest`…);
    /// the errors say where and why.
    pub fn check(&self, name: &str, instance: &Value) -> Result<(), Vec<String>> {
        assert!(
            self.doc.pointer(&format!("/components/schemas/{name}")).is_some(),
            "no schema {name} in the BTCPay spec"
        );
        let mut root = self.doc.clone();
        root["$ref"] = json!(format!("#/components/schemas/{name}"));
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft4)
            .should_validate_formats(true)
            .with_format("decimal", is_decimal)
            .build(&root)
            .unwrap_or_else(|err| panic!("schema {name}: {err}"));
        let errors: Vec<String> =
            validator.iter_errors(instance).map(|e| format!("{name}{}: {e}", e.instance_path())).collect();
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

fn resolve<'a>(root: &'a Value, reference: &str) -> &'a Value {
    root.pointer(reference.trim_start_matches('#')).unwrap_or_else(|| panic!("dangling $ref {reference}"))
}

/// `allOf` members merged into their parent: properties united, closed if any member is.
fn flatten(root: &Value, schema: &Value) -> Value {
    match schema {
        Value::Array(items) => Value::Array(items.iter().map(|x| flatten(root, x)).collect()),
        Value::Object(object) => {
            let mut out: Map<String, Value> = object
                .iter()
                .filter(|(key, _)| *key != "allOf")
                .map(|(key, value)| (key.clone(), flatten(root, value)))
                .collect();
            if let Some(Value::Array(members)) = object.get("allOf") {
                for member in members {
                    let member = match member.get("$ref").and_then(Value::as_str) {
                        Some(reference) => resolve(root, reference),
                        None => member,
                    };
                    let member = flatten(root, member);
                    let Some(member) = member.as_object() else { continue };
                    for (key, value) in member {
                        match key.as_str() {
                            "properties" => {
                                let properties = out.entry("properties").or_insert_with(|| json!({}));
                                if let (Some(into), Some(from)) =
                                    (properties.as_object_mut(), value.as_object())
                                {
                                    for (name, property) in from {
                                        into.insert(name.clone(), property.clone());
                                    }
                                }
                            }
                            "required" => {
                                let required = out.entry("required").or_insert_with(|| json!([]));
                                if let (Some(into), Some(from)) = (required.as_array_mut(), value.as_array())
                                {
                                    into.extend(from.iter().cloned());
                                }
                            }
                            "additionalProperties" if *value == json!(false) => {
                                out.insert(key.clone(), json!(false));
                            }
                            "description" | "example" => {}
                            _ => {
                                out.entry(key.clone()).or_insert_with(|| value.clone());
                            }
                        }
                    }
                }
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// OpenAPI 3.0's `nullable: true` as JSON Schema: null, or the schema.
fn nullable(schema: &Value) -> Value {
    match schema {
        Value::Array(items) => Value::Array(items.iter().map(nullable).collect()),
        Value::Object(object) => {
            let mut out: Map<String, Value> = object.iter().map(|(k, v)| (k.clone(), nullable(v))).collect();
            if out.remove("nullable") == Some(json!(true)) {
                json!({"anyOf": [{"type": "null"}, Value::Object(out)]})
            } else {
                Value::Object(out)
            }
        }
        other => other.clone(),
    }
}

fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (units, fraction) = match digits.split_once('.') {
        Some((units, fraction)) => (units, Some(fraction)),
        None => (digits, None),
    };
    !units.is_empty()
        && units.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}
