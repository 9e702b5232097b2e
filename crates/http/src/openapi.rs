//! The OpenAPI 3.1 document, built from the contract's own schemas (JSON Schema 2020-12 is
//! OpenAPI 3.1's schema language), so it cannot drift from what the commands accept.

use std::collections::{BTreeMap, BTreeSet};

use krisesenter::cli;
use serde_json::{Map, Value, json};

use crate::Config;
use crate::error::KINDS;

/// The error answers every command can give: status, component name, what it means.
const COMMAND_ERRORS: [(&str, &str); 6] = [
    ("400", "InvalidJson"),
    ("413", "TooLarge"),
    ("415", "UnsupportedMediaType"),
    ("422", "InvalidInput"),
    ("500", "Internal"),
    ("503", "Timeout"),
];

/// The OpenAPI 3.1 document of the API: an operation for every command with its request,
/// its response and the error contract; the schemas, the document itself and health.
///
/// Each command's schemas appear under `components/schemas` by their schema names
/// (`assess-input`, …); the definitions they share are hoisted beside them once, and a
/// definition whose name means different things in two documents is kept apart under
/// `<document>.<name>`. With a token configured, the `/v1/` operations name the bearer scheme.
///
/// # Example
///
/// ```
/// let doc = krisesenter_http::openapi(&krisesenter_http::Config::default());
/// assert_eq!(doc["openapi"], "3.1.0");
/// assert!(doc["paths"]["/v1/assess"]["post"].is_object());
/// ```
pub fn openapi(config: &Config) -> Value {
    let mut schemas = hoist(cli::all_schemas().into_iter().map(|(name, schema)| (name, schema.to_value())).collect());
    schemas.insert(String::from("Error"), error_schema());
    let security = config.token.as_ref().map(|_| json!([{"bearer": []}]));
    let mut paths = Map::new();
    for command in cli::COMMANDS {
        let name = command.name();
        let mut responses = Map::new();
        responses.insert(
            String::from("200"),
            json!({
                "description": format!("the `{name}` output document, exactly as the CLI writes it"),
                "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}-output")}}}
            }),
        );
        if security.is_some() {
            responses.insert(String::from("401"), json!({"$ref": "#/components/responses/Unauthorized"}));
        }
        for (status, component) in COMMAND_ERRORS {
            responses.insert(String::from(status), json!({"$ref": format!("#/components/responses/{component}")}));
        }
        let mut operation = json!({
            "operationId": name,
            "tags": ["commands"],
            "summary": command.summary(),
            "description": format!(
                "Reads one `{name}` document and answers with one, as `krisesenter-cli {name}` does. \
                 A working payload is in docs/examples/."
            ),
            "requestBody": {
                "required": true,
                "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}-input")}}}
            },
            "responses": responses,
        });
        if let (Some(security), Some(op)) = (&security, operation.as_object_mut()) {
            op.insert(String::from("security"), security.clone());
        }
        paths.insert(format!("/v1/{name}"), json!({"post": operation}));
    }
    let mut schema_op = json!({
        "operationId": "schema",
        "tags": ["schemas"],
        "summary": "the JSON Schema (draft 2020-12) of one contract document",
        "parameters": [{
            "name": "name", "in": "path", "required": true,
            "schema": {"type": "string", "enum": cli::schema_names().collect::<Vec<_>>()}
        }],
        "responses": {
            "200": {"description": "the schema, as `krisesenter-cli schema NAME` prints it",
                    "content": {"application/json": {"schema": {"type": "object"}}}},
            "404": {"$ref": "#/components/responses/UnknownCommand"}
        }
    });
    if let (Some(security), Some(op)) = (&security, schema_op.as_object_mut()) {
        op.insert(String::from("security"), security.clone());
        if let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) {
            responses.insert(String::from("401"), json!({"$ref": "#/components/responses/Unauthorized"}));
        }
    }
    paths.insert(String::from("/v1/schemas/{name}"), json!({"get": schema_op}));
    paths.insert(
        String::from("/openapi.json"),
        json!({"get": {"operationId": "openapi", "tags": ["meta"], "summary": "this document",
                       "responses": {"200": {"description": "the OpenAPI 3.1 document",
                                             "content": {"application/json": {"schema": {"type": "object"}}}}}}}),
    );
    paths.insert(
        String::from("/healthz"),
        json!({"get": {"operationId": "health", "tags": ["meta"], "summary": "the server is up",
                       "responses": {"200": {"description": "always `{\"status\": \"ok\"}`",
                                             "content": {"application/json": {"schema": {
                                                 "type": "object", "required": ["status"],
                                                 "properties": {"status": {"const": "ok"}}}}}}}}}),
    );
    if config.register.is_some() {
        register_paths(&mut paths);
    }
    let mut components = json!({
        "schemas": schemas,
        "responses": {
            "InvalidJson": error_response("`invalid_json`: not JSON, or JSON of the wrong shape (a missing or unknown field, a wrong type)"),
            "Unauthorized": error_response("`unauthorized`: the bearer token is missing or wrong"),
            "UnknownCommand": error_response("`unknown_command`: no such command, schema or path"),
            "TooLarge": error_response("`invalid_input`: the body is larger than the server's limit"),
            "UnsupportedMediaType": error_response("`invalid_json`: the body is not declared `application/json`"),
            "InvalidInput": error_response("`invalid_input`: JSON of the right shape that the rules reject"),
            "Internal": error_response("`internal`: the server failed on this request; it goes on serving others"),
            "Timeout": error_response("`timeout`: no answer within the server's time limit"),
            "Forbidden": error_response("`forbidden`: the register's permission table refuses this operation to the member's role"),
            "NotFound": error_response("`not_found`: the register holds no such record, consent or hold"),
            "Conflict": error_response("`conflict`: the id is in use in the register already"),
        },
    });
    let mut schemes = Map::new();
    if security.is_some() {
        schemes.insert(String::from("bearer"), json!({"type": "http", "scheme": "bearer"}));
    }
    if config.register.is_some() {
        schemes.insert(
            String::from("staff"),
            json!({"type": "http", "scheme": "bearer", "description": "a member of staff's own token"}),
        );
    }
    if let (false, Some(components)) = (schemes.is_empty(), components.as_object_mut()) {
        components.insert(String::from("securitySchemes"), Value::Object(schemes));
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "krisesenter",
            "version": env!("CARGO_PKG_VERSION"),
            "summary": "The rules of Norwegian crisis shelters as a JSON contract over HTTP",
            "description": "Every command of the krisesenter-cli contract (docs/contract.md) as `POST /v1/{command}`: \
                            the same JSON document in and out. Errors carry the error contract \
                            `{\"error\": {\"kind\", \"message\", \"path\"}}`; messages never repeat values from the input.",
            "license": {"name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0"}
        },
        "servers": [{"url": "/"}],
        "tags": [
            {"name": "commands", "description": "the decisions"},
            {"name": "schemas", "description": "the contract's JSON Schemas"},
            {"name": "meta", "description": "the document and health"},
            {"name": "register", "description": "the shelter's register, when one is mounted"}
        ],
        "paths": paths,
        "components": components,
    })
}

/// The register's routes (when one is mounted), each behind a member of staff's token.
fn register_paths(paths: &mut Map<String, Value>) {
    for (method, path, operation, summary, takes_body) in crate::register::ROUTES {
        let name = operation.as_str();
        let parameters: Vec<Value> = ["record", "consent", "hold"]
            .iter()
            .filter(|p| path.contains(&format!("{{{p}}}")))
            .map(|p| json!({"name": p, "in": "path", "required": true, "schema": {"type": "string"}}))
            .collect();
        let mut responses = json!({
            "200": {"description": format!("the register's answer to `{name}`"),
                    "content": {"application/json": {"schema": {"type": "object"}}}},
            "401": {"$ref": "#/components/responses/Unauthorized"},
            "403": {"$ref": "#/components/responses/Forbidden"},
            "404": {"$ref": "#/components/responses/NotFound"},
            "500": {"$ref": "#/components/responses/Internal"},
            "503": {"$ref": "#/components/responses/Timeout"},
        });
        let mut op = json!({
            "operationId": format!("register_{name}_{method}"),
            "tags": ["register"],
            "summary": summary,
            "description": format!("The register's operation `{name}`, allowed to the roles its permission table gives it."),
            "parameters": parameters,
            "security": [{"staff": []}],
        });
        if takes_body {
            if let Some(map) = responses.as_object_mut() {
                for (status, component) in [
                    ("400", "InvalidJson"),
                    ("409", "Conflict"),
                    ("415", "UnsupportedMediaType"),
                    ("422", "InvalidInput"),
                ] {
                    map.insert(String::from(status), json!({"$ref": format!("#/components/responses/{component}")}));
                }
            }
            if let Some(map) = op.as_object_mut() {
                map.insert(
                    String::from("requestBody"),
                    json!({"required": true, "content": {"application/json": {"schema": {"type": "object"}}}}),
                );
            }
        }
        if let Some(map) = op.as_object_mut() {
            map.insert(String::from("responses"), responses);
        }
        let entry = paths.entry(path.to_string()).or_insert_with(|| json!({}));
        if let Some(entry) = entry.as_object_mut() {
            entry.insert(method.to_string(), op);
        }
    }
}

fn error_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

fn error_schema() -> Value {
    json!({
        "title": "Error",
        "description": "The error contract: what kind of error, a message that never repeats input values, \
                        and the path of the offending field where one can be named.",
        "type": "object",
        "required": ["error"],
        "additionalProperties": false,
        "properties": {"error": {
            "type": "object",
            "required": ["kind", "message", "path"],
            "additionalProperties": false,
            "properties": {
                "kind": {"enum": KINDS},
                "message": {"type": "string"},
                "path": {"type": ["string", "null"]}
            }
        }}
    })
}

/// Moves every document's `$defs` to one table of components and points the references
/// there. A definition keeps its own name when it means the same in every document that has
/// it (the same text, and the same for every definition it refers to); otherwise each
/// document's version is named `<document>.<name>`.
fn hoist(documents: Vec<(String, Value)>) -> BTreeMap<String, Value> {
    let mut roots = Vec::new();
    let mut defs: Vec<(String, String, Value)> = Vec::new();
    for (document, mut root) in documents {
        if let Some(map) = root.as_object_mut() {
            map.remove("$schema");
            if let Some(Value::Object(found)) = map.remove("$defs") {
                defs.extend(found.into_iter().map(|(name, def)| (document.clone(), name, def)));
            }
        }
        roots.push((document, root));
    }
    // Names whose text differs between documents, then those that refer to such a name.
    let mut texts: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (_, name, def) in &defs {
        texts.entry(name.as_str()).or_default().insert(def.to_string());
    }
    let mut apart: BTreeSet<String> =
        texts.iter().filter(|(_, t)| t.len() > 1).map(|(name, _)| (*name).to_owned()).collect();
    loop {
        let before = apart.len();
        for (_, name, def) in &defs {
            let mut refs = BTreeSet::new();
            local_refs(def, &mut refs);
            if refs.iter().any(|r| apart.contains(r)) {
                apart.insert(name.clone());
            }
        }
        if apart.len() == before {
            break;
        }
    }
    let component = |document: &str, name: &str| {
        if apart.contains(name) { format!("{document}.{name}") } else { name.to_owned() }
    };
    let mut out = BTreeMap::new();
    for (document, name, mut def) in defs {
        retarget(&mut def, &|n: &str| component(&document, n));
        out.insert(component(&document, &name), def);
    }
    for (document, mut root) in roots {
        retarget(&mut root, &|n: &str| component(&document, n));
        out.insert(document, root);
    }
    out
}

/// The names a schema refers to with `#/$defs/<name>`.
fn local_refs(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("$ref", Value::String(target)) => {
                        if let Some(name) = target.strip_prefix("#/$defs/") {
                            out.insert(name.to_owned());
                        }
                    }
                    _ => local_refs(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| local_refs(item, out)),
        _ => {}
    }
}

/// Points every `#/$defs/<name>` at `#/components/schemas/<component(name)>`.
fn retarget(value: &mut Value, component: &dyn Fn(&str) -> String) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match (key.as_str(), &mut *child) {
                    ("$ref", Value::String(target)) => {
                        if let Some(name) = target.strip_prefix("#/$defs/") {
                            *target = format!("#/components/schemas/{}", component(name));
                        }
                    }
                    _ => retarget(child, component),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| retarget(item, component)),
        _ => {}
    }
}
