; Definitions and references for TypeScript (and TSX), in the tree-sitter tags convention.
; @definition.<kind> marks the whole definition, @name its name. @reference.call marks a call,
; @name its callee expression as written. @comment lets the extractor count code lines.

(function_declaration name: (identifier) @name) @definition.function
(generator_function_declaration name: (identifier) @name) @definition.function
(class_declaration name: (type_identifier) @name) @definition.class
(method_definition name: (_) @name) @definition.method
(public_field_definition name: (_) @name value: [(arrow_function) (function_expression)]) @definition.method
; `getTeams = withCache('Teams', async (id) => …)`, `getRepos = cachedFunction(async …)`: a field holding a
; wrapped function is a method too — calling it runs the function the wrapper was handed.
(public_field_definition name: (_) @name value: (call_expression arguments: (arguments [(arrow_function) (function_expression)]))) @definition.method

(variable_declarator
  name: (identifier) @name
  value: [(arrow_function) (function_expression) (generator_function)]) @definition.function
(variable_declarator
  name: (identifier) @name
  value: (class)) @definition.class

; `exports.getModule = function* (…)`: a generator (Koa 0.x middleware and handlers) is a function too.
(assignment_expression
  left: [(identifier) @name (member_expression property: (property_identifier) @name)]
  right: [(arrow_function) (function_expression) (generator_function)]) @definition.function

(pair
  key: (property_identifier) @name
  value: [(arrow_function) (function_expression) (generator_function)]) @definition.function

(call_expression function: (_) @name) @reference.call
(new_expression constructor: (_) @name) @reference.class

[(comment) (html_comment)] @comment

(abstract_class_declaration name: (type_identifier) @name) @definition.class
(interface_declaration name: (type_identifier) @name) @definition.interface
(type_alias_declaration name: (type_identifier) @name) @definition.type
(enum_declaration name: (identifier) @name) @definition.enum
(internal_module name: (_) @name) @definition.module
(function_signature name: (identifier) @name) @definition.function
(abstract_method_signature name: (_) @name) @definition.method

; Unnamed functions, named by the map from their context (core/map/anonymousUnits.ts):
; `export default function (…)`, and functions passed to a call (`router.get('/login', …)`).
(export_statement value: [(arrow_function) (function_expression) (class)] @anon.body) @anon.default
(call_expression function: (_) @anon.callee arguments: (arguments [(arrow_function) (function_expression)] @anon.body)) @anon.call
