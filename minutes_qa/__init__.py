"""minutes-qa: semantic question-answering over council meeting minutes.

The one installed name. Its subpackages are the project's folders:
``corpus`` (reading minutes), ``index`` (vectors and the passage store),
``qa`` (retrieval, ranking, answers) and ``api`` (the HTTP edge); this
package itself holds the other edge, the CLI (``cli``, ``commands``) and the
settings both edges are built from (``settings``).
"""
