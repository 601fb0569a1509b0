"""Export of completed bid documents: one document model, a Word writer and a PDF writer.

`build` turns a bid's questionnaire (`source.BidContent`) into the model in `ir`; `docx_writer`
and `pdf_writer` render it; `pipeline` writes the file atomically; `compliance` lists what a
buyer would reject; `naming` suggests a file name. python-docx and reportlab are imported only
inside the writers, so importing this package costs nothing at start-up.
"""
