; Definitions and references for Python, in the tree-sitter tags convention. A function whose
; enclosing definition is a class is reported as a method by the extractor.

(class_definition name: (identifier) @name) @definition.class
(function_definition name: (identifier) @name) @definition.function

(call function: (_) @name) @reference.call

; `Playlist[uid]`: an ORM entity fetched by its key (Pony), recorded as a call of `Playlist.__getitem__`.
(subscript value: (identifier) @object (#match? @object "^[A-Z]")) @reference.subscript

; `background_tasks.add_task(flow, ...)`, `executor.submit(fn, ...)`: the function handed over runs
; for the request, so it is recorded as called there.
(call
  function: (attribute attribute: (identifier) @_scheduler (#match? @_scheduler "^(add_task|submit)$"))
  arguments: (argument_list . [(identifier) (attribute)] @name)) @reference.call

(comment) @comment
