; Definitions and references for Go, in the tree-sitter tags convention. A method's @receiver
; becomes its enclosing path: (r *UserRepo) Find → UserRepo.Find.

(function_declaration name: (identifier) @name) @definition.function
(method_declaration
  receiver: (parameter_list (parameter_declaration type: [
    (type_identifier) @receiver
    (pointer_type (type_identifier) @receiver)
    (generic_type type: (type_identifier) @receiver)
    (pointer_type (generic_type type: (type_identifier) @receiver))]))
  name: (field_identifier) @name) @definition.method
(type_spec name: (type_identifier) @name type: (struct_type)) @definition.class
(type_spec name: (type_identifier) @name type: (interface_type)) @definition.interface
(type_spec name: (type_identifier) @name type: [
  (type_identifier) (qualified_type) (pointer_type) (function_type) (map_type)
  (slice_type) (array_type) (channel_type) (generic_type)]) @definition.type
(method_elem name: (field_identifier) @name) @definition.method

(call_expression function: (_) @name) @reference.call

(comment) @comment
