; Imports for JavaScript/JSX. One match per imported name; the extractor groups matches by
; @import.source. @import.fn is checked to be `require` in code (cheaper than a predicate).

(import_statement source: (string (string_fragment) @import.source)) @import
(import_statement
  (import_clause (identifier) @import.default)
  source: (string (string_fragment) @import.source)) @import
(import_statement
  (import_clause (namespace_import (identifier) @import.namespace))
  source: (string (string_fragment) @import.source)) @import
(import_statement
  (import_clause (named_imports (import_specifier name: (_) @import.name alias: (_)? @import.alias)))
  source: (string (string_fragment) @import.source)) @import

(export_statement source: (string (string_fragment) @import.source)) @import
(export_statement
  (namespace_export (identifier) @import.namespace)
  source: (string (string_fragment) @import.source)) @import
(export_statement
  (export_clause (export_specifier name: (_) @import.name alias: (_)? @import.alias))
  source: (string (string_fragment) @import.source)) @import

(call_expression
  function: (identifier) @import.fn
  arguments: (arguments . (string (string_fragment) @import.source) .)) @import
(variable_declarator
  name: (identifier) @import.namespace
  value: (call_expression
    function: (identifier) @import.fn
    arguments: (arguments . (string (string_fragment) @import.source) .))) @import
; `var asList = require('./format').asList`: one export of the module, under a local name.
(variable_declarator
  name: (identifier) @import.alias
  value: (member_expression
    object: (call_expression
      function: (identifier) @import.fn
      arguments: (arguments . (string (string_fragment) @import.source) .))
    property: (property_identifier) @import.name)) @import
(variable_declarator
  name: (object_pattern [
    (shorthand_property_identifier_pattern) @import.name
    (pair_pattern key: (property_identifier) @import.name value: (identifier) @import.alias)])
  value: (call_expression
    function: (identifier) @import.fn
    arguments: (arguments . (string (string_fragment) @import.source) .))) @import

(call_expression
  function: (import)
  arguments: (arguments . (string (string_fragment) @import.source))) @import
