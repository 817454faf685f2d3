" Vim 9 with Debian's ALE (3.3) as the LSP client, headless: ALE lints LSP_FILE through the server in
" LSP_CMD and the harness writes what it saw to LSP_OUT as JSON. Run with
"   vim -N -u NONE -i NONE -n -es -S harness-ale.vim
" Environment: LSP_CMD (JSON list: the server command), LSP_FILE, LSP_OUT, LSP_HOVER ("line:character",
" 0-based, optional), LSP_TIMEOUT_MS (default 20000).
" Output: {diagnostics (as published), loclist (as ALE shows them), hover, errors, events}.
" Exit status: 0 done, 2 something never came, 3 bad input or a harness error.
set nocompatible nomore shortmess+=F
let s:start = reltime()
let s:out = {'diagnostics': v:null, 'loclist': [], 'errors': [], 'events': []}

function! s:Ms() abort
  return float2nr(reltimefloat(reltime(s:start)) * 1000)
endfunction

function! s:Event(name) abort
  call add(s:out.events, {'name': a:name, 'ms': s:Ms()})
endfunction

function! s:Finish(code, why) abort
  if a:why isnot# ''
    call add(s:out.errors, a:why)
  endif
  call writefile([json_encode(s:out)], $LSP_OUT)
  silent! call ale#lsp#StopAll()
  if a:code == 0
    qall!
  endif
  execute 'cquit ' . a:code
endfunction

" Runs Vim's event loop (channel and timer callbacks run during :sleep) until Done() or the deadline.
function! s:WaitFor(Done) abort
  let l:deadline = s:Ms() + s:timeout
  while !a:Done() && s:Ms() < l:deadline
    sleep 20m
  endwhile
  return a:Done()
endfunction

" Every message from the server on ALE's connection: the file's diagnostics and our request's answer.
let s:responses = {}
function! s:OnMessage(conn_id, message) abort
  if get(a:message, 'method', '') is# 'textDocument/publishDiagnostics'
    if get(a:message.params, 'uri', '') is# s:uri
      let s:out.diagnostics = a:message.params.diagnostics
    endif
  elseif has_key(a:message, 'id') && !has_key(a:message, 'method')
    let s:responses[a:message.id] = a:message
  endif
endfunction

let s:conn_id = ''
function! s:OnStarted(linter, details) abort
  let s:conn_id = a:details.connection_id
  call ale#lsp#RegisterCallback(s:conn_id, function('s:OnMessage'))
endfunction

function! s:Run() abort
  let s:timeout = str2nr(empty($LSP_TIMEOUT_MS) ? '20000' : $LSP_TIMEOUT_MS)
  if empty($LSP_CMD) || empty($LSP_FILE) || empty($LSP_OUT)
    return s:Finish(3, 'LSP_CMD, LSP_FILE and LSP_OUT are required')
  endif
  let l:cmd = json_decode($LSP_CMD)
  let l:file = fnamemodify($LSP_FILE, ':p')

  packadd ale
  let s:uri = ale#util#ToURI(l:file)
  " Only our server, linting on demand, nothing drawn: a batch Vim has no screen to draw on.
  let g:ale_linters = {'yaml': ['statefulset']}
  let g:ale_lint_on_text_changed = 'never'
  let g:ale_lint_on_insert_leave = 0
  let g:ale_set_signs = 0
  let g:ale_set_highlights = 0
  let g:ale_echo_cursor = 0
  let g:ale_virtualtext_cursor = 'disabled'
  call ale#linter#Define('yaml', {
  \   'name': 'statefulset',
  \   'lsp': 'stdio',
  \   'executable': l:cmd[0],
  \   'command': join(map(copy(l:cmd), {_, a -> shellescape(a)}), ' '),
  \   'project_root': {buffer -> fnamemodify(bufname(buffer), ':p:h')},
  \})

  execute 'edit ' . fnameescape(l:file)
  set filetype=yaml
  let l:buffer = bufnr('')
  let l:linter = filter(ale#linter#Get('yaml'), {_, l -> l.name is# 'statefulset'})[0]
  " The connection ALE lints through (started here first, so our callback sees every message).
  if !ale#lsp_linter#StartLSP(l:buffer, l:linter, function('s:OnStarted'))
    return s:Finish(3, 'ALE could not start the server')
  endif
  if !s:WaitFor({-> s:conn_id isnot# ''})
    return s:Finish(2, 'the server never initialized')
  endif
  call s:Event('initialized')
  ALELint
  if !s:WaitFor({-> s:out.diagnostics isnot v:null})
    return s:Finish(2, 'no publishDiagnostics for ' . s:uri)
  endif
  call s:Event('diagnostics')
  " ALE turns them into its list for the buffer once its LSP handler has run.
  if !s:WaitFor({-> !ale#engine#IsCheckingBuffer(l:buffer) && len(ale#engine#GetLoclist(l:buffer)) == len(s:out.diagnostics)})
    return s:Finish(2, 'ALE did not list the diagnostics: ' . json_encode(ale#engine#GetLoclist(l:buffer)))
  endif
  let s:out.loclist = map(copy(ale#engine#GetLoclist(l:buffer)),
  \   {_, i -> {'lnum': i.lnum, 'col': i.col, 'type': i.type, 'code': get(i, 'code', ''), 'text': i.text, 'linter': i.linter_name}})
  call s:Event('loclist')

  if !empty($LSP_HOVER)
    let [l:line, l:character] = map(split($LSP_HOVER, ':'), {_, n -> str2nr(n)})
    let l:id = ale#lsp#Send(s:conn_id, ale#lsp#message#Hover(l:buffer, l:line + 1, l:character + 1))
    if l:id <= 0 || !s:WaitFor({-> has_key(s:responses, l:id)})
      return s:Finish(2, 'no hover answer')
    endif
    let l:result = get(s:responses[l:id], 'result', v:null)
    let l:contents = type(l:result) == v:t_dict ? get(l:result, 'contents', '') : ''
    let s:out.hover = type(l:contents) == v:t_dict ? get(l:contents, 'value', '') : type(l:contents) == v:t_string ? l:contents : json_encode(l:contents)
    call s:Event('hover')
  endif
  call s:Finish(0, '')
endfunction

try
  call s:Run()
catch
  call s:Finish(3, 'harness error: ' . v:exception . ' at ' . v:throwpoint)
endtry
