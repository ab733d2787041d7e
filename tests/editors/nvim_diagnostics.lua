-- Headless Neovim drives `treatylint server` on one file and writes the diagnostics it
-- received, one per line: "lnum:col:end_lnum:end_col:code" (0-based lines, byte columns).
-- Inputs come from the environment: TL_BIN, TL_FILE, TL_OUT.
local bin, file, out = os.getenv('TL_BIN'), os.getenv('TL_FILE'), os.getenv('TL_OUT')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local client = vim.lsp.start_client({
  name = 'treatylint',
  cmd = { bin, 'server' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.lsp.buf_attach_client(0, client)
vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
vim.wait(300)
local rows = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
  table.insert(rows, string.format('%d:%d:%d:%d:%s', d.lnum, d.col, d.end_lnum or -1, d.end_col or -1, code))
end
table.sort(rows)
vim.fn.writefile(rows, out)
vim.cmd('qa!')
