; Definitions and references for Java, in the tree-sitter tags convention.

(class_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(annotation_type_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(method_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.method

(method_invocation object: (_)? @object name: (identifier) @name) @reference.call
(object_creation_expression type: (_) @name) @reference.class

[(line_comment) (block_comment)] @comment
