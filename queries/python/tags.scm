; Definitions and references for Python, in the tree-sitter tags convention. A function whose
; enclosing definition is a class is reported as a method by the extractor.

(class_definition name: (identifier) @name) @definition.class
(function_definition name: (identifier) @name) @definition.function

(call function: (_) @name) @reference.call

(comment) @comment
