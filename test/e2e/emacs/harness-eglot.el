;;; harness-eglot.el --- drive Emacs's eglot client against the server, headless  -*- lexical-binding: t -*-

;; Opens one YAML file with eglot (Debian's elpa-eglot on Emacs 28) and writes, as JSON: the diagnostics the
;; server published for it, the diagnostics Flymake holds (what the user sees), a hover, and the code actions
;; eglot gets for one diagnostic, optionally applying the first one with eglot's own workspace-edit code and
;; recording the diagnostics that answer the edit.
;; Inputs (environment): LSP_CMD (JSON array), LSP_FILE, LSP_OUT, LSP_HOVER ("line:char", 0-based),
;; LSP_ACTION_CODE (diagnostic code whose actions to list), LSP_APPLY ("1": apply the first action),
;; LSP_TIMEOUT_MS.  Exit codes: 0 done, 2 timeout, 3 bad input or the server did not start.
;; Run: emacs --batch -q -l harness-eglot.el   (-q, not -Q: Debian's site files put elpa-eglot on the load path)

(require 'cl-lib)
(require 'json)
(require 'eglot)

(defvar harness-out (list (cons 'errors nil) (cons 'events nil)))
(defvar harness-t0 (float-time))
(defvar harness-timeout (/ (string-to-number (or (getenv "LSP_TIMEOUT_MS") "20000")) 1000.0))
(when (<= harness-timeout 0) (setq harness-timeout 20.0))

(defun harness-put (key value) (setf (alist-get key harness-out) value))
(defun harness-push (key value) (setf (alist-get key harness-out) (append (alist-get key harness-out) (list value))))
(defun harness-event (name)
  (harness-push 'events (list (cons 'name name) (cons 'ms (round (* 1000 (- (float-time) harness-t0)))))))

(defun harness-finish (code &optional why)
  (when why (harness-push 'errors why))
  (harness-put 'exitCode code)
  (let ((json-encoding-pretty-print nil)
        (coding-system-for-write 'utf-8-unix))
    (with-temp-file (getenv "LSP_OUT")
      (insert (json-encode (mapcar (lambda (kv) (cons (car kv) (or (cdr kv) []))) harness-out)))))
  (ignore-errors (let ((server (eglot-current-server))) (when server (eglot-shutdown server))))
  (kill-emacs code))

(defun harness-wait (pred)
  "Let the event loop run (process output, timers) until PRED is true or the timeout passes; PRED's value."
  (let ((deadline (+ (float-time) harness-timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

;; A yaml-mode of our own when none is installed: eglot derives the languageId "yaml" from its name.
(unless (fboundp 'yaml-mode) (define-derived-mode yaml-mode prog-mode "YAML"))

;; Every diagnostics notification for our file, straight from the protocol (keeps code and source).
(defvar harness-uri nil)
(defvar harness-published nil)
(defvar harness-generation 0)
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (and (eq method 'textDocument/publishDiagnostics)
                         (equal (plist-get params :uri) harness-uri))
                (setq harness-published (plist-get params :diagnostics))
                (setq harness-generation (1+ harness-generation)))))
;; Never block on a prompt in batch mode.
(advice-add 'y-or-n-p :override (lambda (&rest _) t))

(defun harness-plain (diag)
  "An LSP diagnostic (plist) as an alist for the JSON output."
  (let ((start (plist-get (plist-get diag :range) :start)))
    (list (cons 'range (list (cons 'start (list (cons 'line (plist-get start :line))
                                                (cons 'character (plist-get start :character))))))
          (cons 'code (plist-get diag :code))
          (cons 'severity (plist-get diag :severity))
          (cons 'message (plist-get diag :message)))))

(defun harness-flymake ()
  "What Flymake shows in the buffer: one \"line: text\" per diagnostic (1-based lines)."
  (mapcar (lambda (d) (format "%d: %s" (line-number-at-pos (flymake-diagnostic-beg d)) (flymake-diagnostic-text d)))
          (flymake-diagnostics)))

(defun harness-goto (line char)
  (goto-char (point-min))
  (forward-line line)
  (forward-char char))

(defun harness-run ()
  (let ((cmd (ignore-errors (append (json-read-from-string (getenv "LSP_CMD")) nil)))
        (file (getenv "LSP_FILE")))
    (unless (and cmd file (getenv "LSP_OUT")) (harness-finish 3 "LSP_CMD, LSP_FILE and LSP_OUT are required"))
    (setq file (expand-file-name file))
    (setq harness-uri (eglot--path-to-uri file))
    (setq eglot-server-programs (list (cons 'yaml-mode cmd)))
    (setq eglot-send-changes-idle-time 0.05)
    (find-file file)
    (yaml-mode)
    (eglot-ensure)
    ;; eglot-ensure connects from post-command-hook, which batch mode never runs.
    (run-hooks 'post-command-hook)
    (unless (harness-wait (lambda () (and (eglot-current-server) eglot--managed-mode)))
      (harness-finish 3 "eglot did not connect"))
    (harness-event "initialized")
    (unless (harness-wait (lambda () (> harness-generation 0))) (harness-finish 2 "no publishDiagnostics"))
    (harness-event "diagnostics")
    (harness-put 'diagnostics (mapcar #'harness-plain harness-published))
    (when (> (length harness-published) 0)
      (harness-wait (lambda () (= (length (flymake-diagnostics)) (length harness-published)))))
    (harness-put 'flymake (harness-flymake))

    (let ((hover (getenv "LSP_HOVER")))
      (when (and hover (string-match "\\`\\([0-9]+\\):\\([0-9]+\\)\\'" hover))
        (harness-goto (string-to-number (match-string 1 hover)) (string-to-number (match-string 2 hover)))
        (let* ((r (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                   (eglot--TextDocumentPositionParams) :timeout harness-timeout))
               (contents (plist-get r :contents)))
          (harness-put 'hover (if (stringp contents) contents (plist-get contents :value)))
          (harness-event "hover"))))

    (let ((code (getenv "LSP_ACTION_CODE")))
      (when (and code (not (string= code "")))
        (let ((target (cl-find-if (lambda (d) (equal (format "%s" (plist-get d :code)) code)) harness-published)))
          (unless target (harness-finish 3 (concat "no diagnostic with code " code)))
          ;; The request eglot-code-actions makes: the range of the diagnostic, with the diagnostics Flymake
          ;; holds there as context.
          (pcase-let ((`(,beg . ,end) (eglot--range-region (plist-get target :range))))
            (let ((actions (append (jsonrpc-request
                                    (eglot--current-server-or-lose) :textDocument/codeAction
                                    (list :textDocument (eglot--TextDocumentIdentifier)
                                          :range (list :start (eglot--pos-to-lsp-position beg)
                                                       :end (eglot--pos-to-lsp-position end))
                                          :context (list :diagnostics
                                                         (vconcat (cl-loop for d in (flymake-diagnostics beg end)
                                                                           when (cdr (assoc 'eglot-lsp-diag (eglot--diag-data d)))
                                                                           collect it))))
                                    :timeout harness-timeout)
                                   nil)))
              (harness-put 'codeActions (mapcar (lambda (a) (plist-get a :title)) actions))
              (harness-event "codeActions")
              (when (and (equal (getenv "LSP_APPLY") "1") actions (plist-get (car actions) :edit))
                (let ((before harness-generation)
                      (line (plist-get (plist-get (plist-get target :range) :start) :line)))
                  (eglot--apply-workspace-edit (plist-get (car actions) :edit))
                  (save-excursion
                    (goto-char (point-min))
                    (forward-line line)
                    (harness-put 'lineAfterFix (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
                  ;; eglot sends didChange from an idle timer, and batch Emacs is never idle: send it as that
                  ;; timer would, then wait for the diagnostics that answer it.
                  (eglot--signal-textDocument/didChange)
                  (unless (harness-wait (lambda () (> harness-generation before)))
                    (harness-finish 2 "no diagnostics after the fix"))
                  (harness-put 'diagnosticsAfterFix (mapcar #'harness-plain harness-published))
                  (harness-wait (lambda () (= (length (flymake-diagnostics)) (length harness-published))))
                  (harness-put 'flymakeAfterFix (harness-flymake))
                  (harness-event "fixed"))))))))
    (harness-finish 0)))

(condition-case err
    (harness-run)
  (error (harness-finish 3 (format "harness error: %S" err))))
