Content-Length: 370

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///d/draft.txt", "languageId": "plaintext", "version": 1, "text": "Article 1\n\n1. Each State Party may refuse assistance if the conduct is not an offence under its domestic law.\n\nArticle 2\nUse of terms\n(a) “serious crime” means conduct punishable by four years.\n"}}}Content-Length: 254

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///d/draft.txt", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 19}, "end": {"line": 2, "character": 22}}, "text": "shall"}]}}Content-Length: 161

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///d/draft.txt"}, "position": {"line": 2, "character": 20}}}Content-Length: 242

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///d/draft.txt"}, "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 40}}, "context": {"diagnostics": []}}}Content-Length: 165

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///d/draft.txt"}, "position": {"line": 6, "character": 5}}}Content-Length: 128

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///d/draft.txt"}}}Content-Length: 64

{"jsonrpc": "2.0", "id": 5, "method": "no/such", "params": null}Content-Length: 113

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///d/draft.txt"}}}