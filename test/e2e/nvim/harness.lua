-- Headless Neovim 0.7 driver for its built-in LSP client: opens one YAML file against the server, records the
-- published diagnostics, a hover and the code actions of one diagnostic (optionally applying the first), and
-- writes them as JSON. Inputs (environment): LSP_CMD (JSON array), LSP_FILE, LSP_OUT, LSP_HOVER ("line:char",
-- 0-based), LSP_ACTION_CODE (diagnostic code whose actions to list), LSP_APPLY ("1": apply the first action),
-- LSP_TIMEOUT_MS, LSP_DIAGNOSTIC_MODE (the statefulset.diagnosticMode setting), LSP_UNOPENED (a file of the project
-- never opened: waits for its diagnostics and records them as published and as Neovim keeps them), LSP_BASELINE
-- (the statefulset.baseline setting), LSP_WAIT_CODE (waits until the file has a diagnostic with this code).
-- Exit codes: 0 done, 2 timeout, 3 bad input or the server did not start.
local timeout = tonumber(os.getenv('LSP_TIMEOUT_MS') or '') or 20000
local out = { events = {}, errors = {} }
local t0 = vim.loop.hrtime()
local function ms() return math.floor((vim.loop.hrtime() - t0) / 1e6) end
local function event(name) table.insert(out.events, { name = name, ms = ms() }) end

local function finish(code, why)
  if why then table.insert(out.errors, why) end
  out.exitCode = code
  local f = assert(io.open(os.getenv('LSP_OUT'), 'w'))
  f:write(vim.json.encode(out))
  f:close()
  pcall(vim.lsp.stop_client, vim.lsp.get_active_clients(), true)
  if code == 0 then vim.cmd('qall!') else vim.cmd('cquit ' .. code) end
end

local function run()
  local cmd_json, file = os.getenv('LSP_CMD'), os.getenv('LSP_FILE')
  if not cmd_json or not file or not os.getenv('LSP_OUT') then return finish(3, 'LSP_CMD, LSP_FILE and LSP_OUT are required') end
  file = vim.fn.fnamemodify(file, ':p')
  local uri = vim.uri_from_fname(file)

  -- Latest diagnostics for our file, straight from the notification (keeps code and source).
  local published = nil
  local generation = 0
  local unopened = os.getenv('LSP_UNOPENED') or ''
  local unopened_uri = unopened ~= '' and vim.uri_from_fname(vim.fn.fnamemodify(unopened, ':p')) or nil
  local unopened_published = nil
  local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    if result and result.uri == uri then
      published = result.diagnostics
      generation = generation + 1
    end
    if result and unopened_uri and result.uri == unopened_uri then unopened_published = result.diagnostics end
    return default_publish(err, result, ctx, config)
  end
  -- Never block on the UI in headless mode.
  vim.lsp.handlers['window/showMessage'] = function(_, r) table.insert(out.errors, 'showMessage: ' .. (r and r.message or '')) end
  vim.lsp.handlers['window/showMessageRequest'] = function() return vim.NIL end

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_option(bufnr, 'filetype', 'yaml') -- becomes the languageId of didOpen (-u NONE: no ftdetect)
  local exited = nil
  local id = vim.lsp.start_client({
    name = 'statefulset',
    cmd = vim.json.decode(cmd_json),
    root_dir = vim.fn.fnamemodify(file, ':h'),
    -- Neovim 0.7 does not offer workspace/configuration: the server reads its settings from initializationOptions.
    init_options = { statefulset = { diagnosticMode = os.getenv('LSP_DIAGNOSTIC_MODE') or 'openFilesOnly', baseline = os.getenv('LSP_BASELINE') or 'off' } },
    flags = { debounce_text_changes = 50 },
    on_exit = function(code, signal) exited = { code = code, signal = signal } end,
  })
  if not id then return finish(3, 'vim.lsp.start_client failed') end
  vim.lsp.buf_attach_client(bufnr, id)
  local client
  if not vim.wait(timeout, function()
    client = vim.lsp.get_client_by_id(id)
    return (client and client.initialized) or exited ~= nil
  end, 20) or exited then
    return finish(exited and 3 or 2, 'server did not initialize: ' .. vim.inspect(exited))
  end
  event('initialized')
  if not vim.wait(timeout, function() return published ~= nil end, 20) then return finish(2, 'no publishDiagnostics') end
  event('diagnostics')
  local wait_code = os.getenv('LSP_WAIT_CODE') or ''
  if wait_code ~= '' then
    local function has_code()
      for _, d in ipairs(published) do if tostring(d.code) == wait_code then return true end end
      return false
    end
    if not vim.wait(timeout, has_code, 20) then return finish(2, 'no diagnostic with code ' .. wait_code) end
    event('waited for ' .. wait_code)
  end
  out.diagnostics = published

  if unopened_uri then
    if not vim.wait(timeout, function() return unopened_published ~= nil and #unopened_published > 0 end, 20) then
      return finish(2, 'no diagnostics for the unopened file')
    end
    out.unopened = unopened_published
    local b = vim.uri_to_bufnr(unopened_uri)
    out.unopenedLoaded = vim.api.nvim_buf_is_loaded(b)
    out.unopenedInNeovim = #vim.diagnostic.get(b)
    event('unopened')
  end

  local hover = os.getenv('LSP_HOVER')
  if hover and hover ~= '' then
    local line, char = hover:match('^(%d+):(%d+)$')
    local resp = client.request_sync('textDocument/hover', {
      textDocument = { uri = uri }, position = { line = tonumber(line), character = tonumber(char) },
    }, timeout, bufnr)
    if not resp or resp.err then return finish(2, 'hover failed: ' .. vim.inspect(resp)) end
    local c = resp.result and resp.result.contents
    out.hover = type(c) == 'table' and (c.value or vim.inspect(c)) or c
    event('hover')
  end

  if os.getenv('LSP_GENERATED') == '1' then
    local resp = client.request_sync('workspace/executeCommand', {
      command = 'statefulset.generatedResources', arguments = { uri },
    }, timeout, bufnr)
    if not resp or resp.err then return finish(2, 'executeCommand failed: ' .. vim.inspect(resp)) end
    out.generated = resp.result and resp.result.text
    event('generated')
  end

  local code = os.getenv('LSP_ACTION_CODE')
  if code and code ~= '' then
    local target
    for _, d in ipairs(published) do if tostring(d.code) == code then target = d end end
    if not target then return finish(3, 'no diagnostic with code ' .. code) end
    local resp = client.request_sync('textDocument/codeAction', {
      textDocument = { uri = uri }, range = target.range, context = { diagnostics = { target } },
    }, timeout, bufnr)
    if not resp or resp.err then return finish(2, 'codeAction failed: ' .. vim.inspect(resp)) end
    out.codeActions = {}
    for _, a in ipairs(resp.result or {}) do table.insert(out.codeActions, a.title) end
    event('codeActions')
    local first = (resp.result or {})[1]
    if os.getenv('LSP_APPLY') == '1' and first and first.edit then
      local before = generation
      vim.lsp.util.apply_workspace_edit(first.edit, client.offset_encoding or 'utf-16')
      out.lineAfterFix = vim.api.nvim_buf_get_lines(bufnr, target.range.start.line, target.range.start.line + 1, false)[1]
      -- didChange goes out after the debounce; wait for the diagnostics that answer it.
      if not vim.wait(timeout, function() return generation > before end, 20) then return finish(2, 'no diagnostics after the fix') end
      out.diagnosticsAfterFix = published
      event('fixed')
    end
  end
  finish(0)
end

local ok, err = pcall(run)
if not ok then finish(3, 'harness error: ' .. tostring(err)) end
