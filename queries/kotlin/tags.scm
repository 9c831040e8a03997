; Definitions and references for Kotlin (@tree-sitter-grammars/tree-sitter-kotlin), in the
; tree-sitter tags convention. Functions in a class or object body are methods; local functions
; inside other functions are not definitions of the file.

(class_declaration name: (identifier) @name) @definition.class
(object_declaration name: (identifier) @name) @definition.class
(source_file (function_declaration name: (identifier) @name) @definition.function)
(class_body (function_declaration name: (identifier) @name) @definition.method)

(call_expression . (navigation_expression (_) @object . (identifier) @name .)) @reference.call
(call_expression . (identifier) @name) @reference.call

[(line_comment) (block_comment)] @comment
