// The code `prodguard init bash|zsh|fish` prints. Pure: the prefilter and a few settings in,
// shell code out. Each snippet
//  - sees the whole line before the shell runs it (bash: Enter runs a `bind -x` function that may
//    empty READLINE_LINE before `accept-line`; zsh: the accept-line widgets are wrapped and read
//    $PREBUFFER$BUFFER; fish: Enter is bound to a function that reads `commandline`),
//  - runs the prefilter in the shell itself: only a line holding a word some rule could match
//    starts a process (`prodguard hook-check`, or a request to the warm checker),
//  - on refusal keeps the line in history (so it can be fixed) and runs nothing,
//  - if prodguard is missing or fails, prints ONE line and runs the line: a broken guard must
//    not lock a person out of their shell,
//  - keeps the prompt segment in a cache keyed by the variables and files that decide it, so
//    Node starts only when one of them changes, and remembers since when the shell has pointed at
//    production (stale shells ask again).
//
// The bash and zsh texts are written with `$\{` for the shell's `${` (String.raw keeps it, and
// `shellText` turns it back), and without backticks (a backtick is $'\x60').

import type { Prefilter } from './prefilter.js';
import { fishQuote, posixQuote, type ShellName } from './segment.js';

export interface SnippetOptions {
  version: string;
  prefilter: Prefilter;
  /** Folder for this user's per-shell files (FIFOs, prompt stamps): private, local. */
  runDir: string;
  /** Variables whose values decide the prompt segment (the cache key). */
  keyVariables: readonly string[];
  /** Show the segment in the prompt (PS1 / PROMPT / fish_prompt). */
  prompt: boolean;
  /** Use a warm checker process per shell (bash and zsh). */
  warm: boolean;
}

/** A PCRE that matches exactly one of the words (fish's `string match -r`). */
function alternation(words: readonly string[]): string {
  if (words.length === 0) return '^(?!)$';
  return `^(?:${words.map((word) => word.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')})$`;
}

function shellText(text: string): string {
  return text.replaceAll('$\\{', '${').replace(/^\n/, '');
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

function header(shell: ShellName, options: SnippetOptions): string {
  const lines = [
    `# prodguard ${options.version} shell integration for ${shell}, printed by \`prodguard init ${shell}\`.`,
    '# Before a line runs, a shell-side prefilter looks for words some prodguard rule can match; only',
    '# then is prodguard asked (it may show findings, ask you to type a target name, or refuse).',
    '# If prodguard is missing or fails, the line runs and ONE line says so: a broken guard must not',
    '# lock you out of your shell. PRODGUARD_PROMPT=0 keeps your prompt unchanged (the segment is',
    '# then in $__prodguard_segment). Regenerate after upgrading prodguard or changing rule folders.',
  ];
  if (options.prefilter.everyLine) lines.push(`# Every line is checked: ${options.prefilter.reasons.join('; ')}.`);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// bash (4.4 or later: `local -`, associative arrays, bind -x with READLINE_LINE)

export function bashSnippet(options: SnippetOptions): string {
  const { prefilter } = options;
  const assoc = (words: readonly string[]) => words.map((word) => `[${posixQuote(word)}]=1`).join(' ');
  const pairs = (map: Record<string, string[]>) => Object.entries(map).map(([name, companions]) => `[${posixQuote(name)}]=${posixQuote(companions.join(' '))}`).join(' ');
  const cheapKey = ['$PWD', '$\\{NO_COLOR+nc}', ...options.keyVariables.map((name) => `$\\{${name}-}`)].join('|');
  const letters = LETTERS.map((letter) => `$\\{!${letter}@}`).join(' ');
  const body = String.raw`
if [[ $- == *i* && -z $\{__prodguard_version-} ]] && (( BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 404 )); then
__prodguard_version=${options.version}
__prodguard_run=${posixQuote(options.runDir)}
__prodguard_base=$__prodguard_run/$$
__prodguard_warm=${options.warm ? 1 : 0}
__prodguard_every=${prefilter.everyLine ? 1 : 0}
__prodguard_show=${options.prompt ? 1 : 0}
__prodguard_dirty=1 __prodguard_scanned=0 __prodguard_cheap= __prodguard_urls=
__prodguard_pending= __prodguard_fresh=1 __prodguard_since= __prodguard_since_ident= __prodguard_key= __prodguard_seq=0
__prodguard_level= __prodguard_label= __prodguard_name= __prodguard_color= __prodguard_ident= __prodguard_ps1= __prodguard_segment=
__prodguard_defs=()
declare -gA __prodguard_words=(${assoc(prefilter.words)})
declare -gA __prodguard_wrappers=(${assoc(prefilter.wrappers)})
declare -gA __prodguard_pairs=(${pairs(prefilter.pairs)})
__prodguard_patterns=(${prefilter.patterns.map(posixQuote).join(' ')})
command mkdir -p -m 700 -- "$__prodguard_run" 2>/dev/null

# The prefilter. Sets __prodguard_defs (aliases and functions the line names); status 0 when
# prodguard must see the line. Quotes and backslashes are removed (r'm' is rm to bash), and shell
# metacharacters and / split words (/usr/bin/rm holds rm). Same rules as needsCheck in
# src/shell/prefilter.ts (test/shell/prefilter.test.ts runs both on one corpus).
__prodguard_needs_check() {
  local - text=$1 w n p c body
  local -i hit=0 dyn=0 i=0
  local -A seen=() present=()
  set -f
  __prodguard_defs=()
  [[ $__prodguard_every == 1 || $text == *'$('[!\(]* || $text == *'$(' || $text == *$'\x60'* ]] && hit=1
  [[ $text == *[\$\<]* ]] && dyn=1
  text=$\{text//[\'\"\\]/}
  local -a queue=($\{text//[;&|()<>\/\{\},$'\t\n\r']/ })
  while (( i < $\{#queue[@]} )); do
    w=$\{queue[i++]}
    n=$\{w,,}
    present[$n]=1
    # Lines that may change variables make the prompt look at every *_URL variable again.
    case $n in export|declare|typeset|unset|source|.|eval|readonly|set|*_url=*|*_uri=*) __prodguard_dirty=1 ;; esac
    [[ -n $\{seen[$w]+x} ]] && continue
    seen[$w]=1
    if [[ -n $\{BASH_ALIASES[$w]+x} ]]; then
      __prodguard_defs+=("alias:$w=$\{BASH_ALIASES[$w]}")
      body=$\{BASH_ALIASES[$w]//[\'\"\\]/}
      queue+=($\{body//[;&|()<>\/\{\},$'\t\n\r']/ })
    elif declare -F -- "$w" >/dev/null 2>&1; then
      declare -f -- "$w" >"$__prodguard_base.fn" 2>/dev/null
      body=
      IFS= read -r -d '' body <"$__prodguard_base.fn"
      __prodguard_defs+=("function:$body")
      body=$\{body//[\'\"\\]/}
      queue+=($\{body//[;&|()<>\/\{\},$'\t\n\r']/ })
    fi
  done
  (( hit )) && return 0
  for n in "$\{!present[@]}"; do
    [[ -n $\{__prodguard_words[$n]+x} ]] && return 0
    (( dyn )) && [[ -n $\{__prodguard_wrappers[$n]+x} ]] && return 0
    [[ $n == ?*=* && -n $\{__prodguard_words[$\{n%%=*}]+x} ]] && return 0
    for p in "$\{__prodguard_patterns[@]}"; do [[ $n == $p ]] && return 0; done
    if [[ -n $\{__prodguard_pairs[$n]+x} ]]; then
      (( dyn )) && return 0
      for c in $\{__prodguard_pairs[$n]}; do
        for w in "$\{!present[@]}"; do [[ $w == $c ]] && return 0; done
      done
    fi
  done
  return 1
}

__prodguard_now() { printf -v __prodguard_time '%(%s)T' -1; }

# Ask the warm checker (a FIFO pair served by "prodguard serve"). Sets __prodguard_status, or
# leaves 100 when there is none or it does not answer.
__prodguard_ask_warm() {
  local base=$__prodguard_base pid= resp= id action text= fd rfd
  __prodguard_status=100
  [[ -p $base.req && -p $base.res && -f $base.pid ]] || return
  IFS= read -r pid <"$base.pid" 2>/dev/null
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return
  id=$$-$((++__prodguard_seq))
  { exec {fd}<>"$base.req"; } 2>/dev/null || return
  { printf '%s\0' prodguard-1 "$id" bash "$PWD" "$__prodguard_since" "$1" "$\{#__prodguard_defs[@]}" "$\{__prodguard_defs[@]}"; command env -0; printf '\4\0'; } >&"$fd" 2>/dev/null
  exec {fd}>&-
  { exec {rfd}<>"$base.res"; } 2>/dev/null || return
  while IFS= read -r -d $'\4' -t 10 resp <&"$rfd"; do
    [[ $\{resp%%$'\n'*} == "$id" ]] && break
    resp=
  done
  exec {rfd}>&-
  if [[ -z $resp ]]; then kill "$pid" 2>/dev/null; return; fi
  resp=$\{resp#*$'\n'}
  action=$\{resp%%$'\n'*}
  [[ $resp == *$'\n'* ]] && text=$\{resp#*$'\n'}
  [[ -n $text ]] && printf '%s' "$text" >&2
  case $action in
    run) __prodguard_status=0 ;;
    refuse) __prodguard_status=4 ;;
    unparsed) __prodguard_status=5 ;;
  esac
}

# Judge a line. Status 0: run it; 1: do not.
__prodguard_judge() {
  local text=$1 first= def
  local -a args=(hook-check --shell bash --shell-pid "$$")
  [[ -n $__prodguard_since ]] && args+=(--since "$__prodguard_since")
  for def in "$\{__prodguard_defs[@]}"; do args+=(--define "$def"); done
  __prodguard_status=100
  (( __prodguard_warm )) && __prodguard_ask_warm "$text"
  if (( __prodguard_status == 100 )); then
    (( __prodguard_warm )) && args+=(--warm "$__prodguard_base")
    command prodguard "$\{args[@]}" -c "$text" >"$__prodguard_base.out" 2>"$__prodguard_base.err"
    __prodguard_status=$?
  fi
  case $__prodguard_status in
    0|5) return 0 ;;
    4|130) return 1 ;;
    8) __prodguard_now; __prodguard_since=$__prodguard_time; return 0 ;;
    9) __prodguard_now; __prodguard_since=$__prodguard_time; return 1 ;;
  esac
  IFS= read -r first <"$__prodguard_base.err" 2>/dev/null
  printf 'prodguard: the guard failed (%s); this line runs unchecked\n' "$\{first:-exit status $__prodguard_status}" >&2
  return 0
}

# Enter: bound with bind -x, then accept-line. Emptying READLINE_LINE means nothing runs.
__prodguard_check() {
  [[ $\{PROMPT_COMMAND[*]} == *__prodguard_precmd* ]] || { __prodguard_install_precmd; __prodguard_fresh=1; }
  (( __prodguard_fresh )) && __prodguard_pending=
  __prodguard_fresh=0
  local line=$READLINE_LINE text judged continuing=$\{__prodguard_pending:+1}
  text=$__prodguard_pending$line
  __prodguard_pending+=$line$'\n'
  [[ -n $\{line//[[:space:]]/} ]] || return 0
  judged=$text
  if [[ $- == *H* && ( $text == *'!'* || $text == '^'* ) ]]; then
    # history -p drops the newest entry first (it expects to run as its own command line): push
    # a copy and drop the copy, in a subshell, so !! and !-2 mean what they will mean to bash.
    local last
    last=$(builtin fc -ln -1 2>/dev/null)
    last=$\{last#$'\t'}
    judged=$(builtin history -s -- "$\{last# }"; builtin history -d -1 2>/dev/null; builtin history -p -- "$text" 2>/dev/null) || judged=$text
  fi
  __prodguard_needs_check "$judged" || return 0
  __prodguard_judge "$judged" && return 0
  builtin history -s -- "$text"
  READLINE_LINE=
  __prodguard_pending=
  # Lines bash already holds (a multi-line command at PS2) are dropped the way Ctrl-C drops them.
  [[ -n $continuing ]] && kill -INT $$
  return 0
}

__prodguard_files_changed() {
  local - stamp=$__prodguard_base.stamp f mode=$\{RAILS_ENV:-$\{NODE_ENV:-$\{APP_ENV:-$RACK_ENV}}}
  [[ -e $stamp ]] || return 1
  set -f
  local IFS=:
  for f in $KUBECONFIG "$HOME/.kube/config" "$PWD/.env" "$PWD/.env.local" "$PWD/.env.$mode" "$PWD/.env.$mode.local" "$PWD/.prodguard.yml" "$PWD/.prodguard.yaml" "$\{XDG_CONFIG_HOME:-$HOME/.config}/prodguard/config.yml"; do
    [[ $f -nt $stamp ]] && return 0
  done
  return 1
}

__prodguard_prompt() {
  local key="${cheapKey}" v code seg= age=
  local -i d
  # Every *_URL / *_URI variable (a DATABASE_URL by another name) is a slow scan in bash: done
  # when the cheap key changes, after a line that may set variables, and at most 5 s apart.
  __prodguard_now
  if [[ $key != "$__prodguard_cheap" ]] || (( __prodguard_dirty || __prodguard_time - __prodguard_scanned >= 5 )); then
    __prodguard_cheap=$key __prodguard_dirty=0 __prodguard_scanned=$__prodguard_time __prodguard_urls=
    for v in ${letters}; do [[ $v == *_UR[LI] ]] && __prodguard_urls+="|$v=$\{!v}"; done
  fi
  key+=$__prodguard_urls
  if [[ $key != "$__prodguard_key" ]] || __prodguard_files_changed; then
    __prodguard_key=$key
    { : >"$__prodguard_base.stamp"; } 2>/dev/null
    if code=$(command prodguard prompt --format bash 2>/dev/null); then eval "$code"
    else __prodguard_level= __prodguard_label= __prodguard_name= __prodguard_color= __prodguard_ident=; fi
    __prodguard_now
    if [[ $__prodguard_level == prod || $__prodguard_level == remote ]]; then
      [[ $__prodguard_ident != "$__prodguard_since_ident" ]] && { __prodguard_since=$__prodguard_time; __prodguard_since_ident=$__prodguard_ident; }
    else
      __prodguard_since= __prodguard_since_ident=
    fi
  fi
  __prodguard_segment=
  if [[ -n $__prodguard_label ]]; then
    if [[ -n $__prodguard_since ]]; then
      __prodguard_now
      d=$(( __prodguard_time - __prodguard_since ))
      if (( d >= 172800 )); then age=$((d / 86400))d; elif (( d >= 3600 )); then age=$((d / 3600))h; elif (( d >= 60 )); then age=$((d / 60))m; fi
    fi
    __prodguard_segment="$__prodguard_label$\{age:+ $age}$\{__prodguard_name:+ $__prodguard_name}"
    if [[ -n $__prodguard_color ]]; then seg="\[\e[$\{__prodguard_color}m\]$__prodguard_segment\[\e[0m\] "; else seg="$__prodguard_segment "; fi
  fi
  if (( __prodguard_show )) && [[ $\{PRODGUARD_PROMPT-1} != 0 ]]; then
    [[ -n $__prodguard_ps1 ]] && PS1=$\{PS1#"$__prodguard_ps1"}
    __prodguard_ps1=$seg
    PS1=$seg$PS1
  fi
}

__prodguard_precmd() {
  local status=$?
  __prodguard_fresh=1
  __prodguard_prompt
  return $status
}

__prodguard_install_precmd() {
  if [[ $\{PROMPT_COMMAND@a} == *a* ]]; then PROMPT_COMMAND+=(__prodguard_precmd)
  else PROMPT_COMMAND=$\{PROMPT_COMMAND:+$PROMPT_COMMAND$'\n'}__prodguard_precmd; fi
}
__prodguard_install_precmd

for __prodguard_map in emacs vi-insert vi-command; do
  bind -m "$__prodguard_map" -x '"\C-x\e_pgc": __prodguard_check'
  bind -m "$__prodguard_map" '"\C-x\e_pga": accept-line'
  bind -m "$__prodguard_map" '"\C-m": "\C-x\e_pgc\C-x\e_pga"'
  bind -m "$__prodguard_map" '"\C-j": "\C-x\e_pgc\C-x\e_pga"'
done
unset __prodguard_map
elif [[ $- == *i* && -z $\{__prodguard_version-} ]]; then
  echo "prodguard: the shell hook needs bash 4.4 or later (this is $BASH_VERSION); command lines are NOT checked" >&2
fi
`;
  return header('bash', options) + shellText(body);
}

// ---------------------------------------------------------------------------------------------
// zsh (5.1 or later)

export function zshSnippet(options: SnippetOptions): string {
  const { prefilter } = options;
  const assoc = (words: readonly string[]) => words.map((word) => `${posixQuote(word)} 1`).join(' ');
  const keyVars = options.keyVariables.join(' ');
  const body = String.raw`
if [[ -o interactive ]] && (( ! $\{+__prodguard_version} )); then
typeset -g __prodguard_version=${options.version}
typeset -g __prodguard_run=${posixQuote(options.runDir)}
typeset -g __prodguard_base=$__prodguard_run/$$
typeset -g __prodguard_warm=${options.warm ? 1 : 0} __prodguard_every=${prefilter.everyLine ? 1 : 0} __prodguard_show=${options.prompt ? 1 : 0}
typeset -g __prodguard_since= __prodguard_since_ident= __prodguard_key= __prodguard_seq=0 __prodguard_status=0
typeset -g __prodguard_level= __prodguard_label= __prodguard_name= __prodguard_color= __prodguard_ident= __prodguard_ps1= __prodguard_segment=
typeset -ga __prodguard_defs __prodguard_patterns
__prodguard_patterns=(${prefilter.patterns.map(posixQuote).join(' ')})
typeset -gA __prodguard_words __prodguard_wrappers __prodguard_pairs
__prodguard_words=(${assoc(prefilter.words)})
__prodguard_wrappers=(${assoc(prefilter.wrappers)})
__prodguard_pairs=(${Object.entries(prefilter.pairs).map(([name, companions]) => `${posixQuote(name)} ${posixQuote(companions.join(' '))}`).join(' ')})
zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null
autoload -Uz add-zsh-hook
command mkdir -p -m 700 -- "$__prodguard_run" 2>/dev/null

# The prefilter (see the bash snippet). Status 0 when prodguard must see the line.
__prodguard_needs_check() {
  emulate -L zsh
  local text=$1 w n p c body
  integer hit=0 dyn=0 i=1
  local -A seen present
  __prodguard_defs=()
  [[ $__prodguard_every == 1 || $text == *'$('[!\(]* || $text == *'$(' || $text == *$'\x60'* ]] && hit=1
  [[ $text == *[\$\<]* ]] && dyn=1
  text=$\{text//[\'\"\\]/}
  local -a queue
  queue=($\{=$\{text//[;&|()<>\/\{\},$'\t\n\r']/ }})
  while (( i <= $#queue )); do
    w=$queue[i]
    (( i++ ))
    present[$\{(L)w}]=1
    (( $\{+seen[$w]} )) && continue
    seen[$w]=1
    body=
    if (( $\{+aliases[$w]} )); then
      __prodguard_defs+=("alias:$w=$aliases[$w]")
      body=$aliases[$w]
    elif (( $\{+galiases[$w]} )); then
      body=$galiases[$w]
    elif (( $\{+functions[$w]} )); then
      __prodguard_defs+=("function:$w () {"$'\n'"$functions[$w]"$'\n'"}")
      body=$functions[$w]
    fi
    if [[ -n $body ]]; then
      body=$\{body//[\'\"\\]/}
      queue+=($\{=$\{body//[;&|()<>\/\{\},$'\t\n\r']/ }})
    fi
  done
  (( hit )) && return 0
  for n in $\{(k)present}; do
    (( $\{+__prodguard_words[$n]} )) && return 0
    (( dyn )) && (( $\{+__prodguard_wrappers[$n]} )) && return 0
    [[ $n == ?*=* ]] && (( $\{+__prodguard_words[$\{n%%=*}]} )) && return 0
    for p in $__prodguard_patterns; do [[ $n == $~p ]] && return 0; done
    if (( $\{+__prodguard_pairs[$n]} )); then
      (( dyn )) && return 0
      for c in $\{=__prodguard_pairs[$n]}; do
        for w in $\{(k)present}; do [[ $w == $~c ]] && return 0; done
      done
    fi
  done
  return 1
}

__prodguard_ask_warm() {
  emulate -L zsh
  local base=$__prodguard_base pid= resp= id action text= fd rfd
  __prodguard_status=100
  [[ -p $base.req && -p $base.res && -f $base.pid ]] || return
  IFS= read -r pid <"$base.pid" 2>/dev/null
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return
  id=$$-$(( ++__prodguard_seq ))
  { exec {fd}<>"$base.req" } 2>/dev/null || return
  { printf '%s\0' prodguard-1 "$id" zsh "$PWD" "$__prodguard_since" "$1" "$#__prodguard_defs" "$\{__prodguard_defs[@]}"; command env -0; printf '\4\0' } >&$fd 2>/dev/null
  exec {fd}>&-
  { exec {rfd}<>"$base.res" } 2>/dev/null || return
  while IFS= read -r -d $'\4' -t 10 resp <&$rfd; do
    [[ $\{resp%%$'\n'*} == "$id" ]] && break
    resp=
  done
  exec {rfd}>&-
  if [[ -z $resp ]]; then kill "$pid" 2>/dev/null; return; fi
  resp=$\{resp#*$'\n'}
  action=$\{resp%%$'\n'*}
  [[ $resp == *$'\n'* ]] && text=$\{resp#*$'\n'}
  [[ -n $text ]] && { zle -I; print -rn -- "$text" >&2 }
  case $action in
    (run) __prodguard_status=0 ;;
    (refuse) __prodguard_status=4 ;;
    (unparsed) __prodguard_status=5 ;;
  esac
}

__prodguard_judge() {
  emulate -L zsh
  local text=$1 first= def
  local -a args
  args=(hook-check --shell zsh --shell-pid $$)
  [[ -n $__prodguard_since ]] && args+=(--since $__prodguard_since)
  for def in $__prodguard_defs; do args+=(--define "$def"); done
  __prodguard_status=100
  (( __prodguard_warm )) && __prodguard_ask_warm "$text"
  if (( __prodguard_status == 100 )); then
    (( __prodguard_warm )) && args+=(--warm $__prodguard_base)
    zle -I
    command prodguard "$\{args[@]}" -c "$text" >"$__prodguard_base.out" 2>"$__prodguard_base.err"
    __prodguard_status=$?
  fi
  case $__prodguard_status in
    (0|5) return 0 ;;
    (4|130) return 1 ;;
    (8) __prodguard_since=$EPOCHSECONDS; return 0 ;;
    (9) __prodguard_since=$EPOCHSECONDS; return 1 ;;
  esac
  IFS= read -r first <"$__prodguard_base.err" 2>/dev/null
  zle -I
  print -r -- "prodguard: the guard failed ($\{first:-exit status $__prodguard_status}); this line runs unchecked" >&2
  return 0
}

# Every widget that runs the buffer goes through here. $PREBUFFER holds the lines of a
# multi-line command already entered at PS2; send-break drops them too.
__prodguard_accept() {
  local widget=$1 text=$PREBUFFER$BUFFER judged saved
  judged=$text
  if [[ -o banghist && $text == *'!'* ]]; then
    saved=$BUFFER
    zle .expand-history 2>/dev/null && judged=$PREBUFFER$BUFFER
    BUFFER=$saved
  fi
  if [[ -n $\{BUFFER//[[:space:]]/} ]] && __prodguard_needs_check "$judged"; then
    if ! __prodguard_judge "$judged"; then
      print -s -r -- "$text"
      BUFFER=
      zle .send-break
      return
    fi
  fi
  zle __prodguard_orig_$widget
}

__prodguard_files_changed() {
  emulate -L zsh
  local stamp=$__prodguard_base.stamp f mode=$\{RAILS_ENV:-$\{NODE_ENV:-$\{APP_ENV:-$RACK_ENV}}}
  [[ -e $stamp ]] || return 1
  for f in $\{(s.:.)KUBECONFIG} $HOME/.kube/config $PWD/.env $PWD/.env.local $PWD/.env.$mode $PWD/.env.$mode.local $PWD/.prodguard.yml $PWD/.prodguard.yaml $\{XDG_CONFIG_HOME:-$HOME/.config}/prodguard/config.yml; do
    [[ $f -nt $stamp ]] && return 0
  done
  return 1
}

__prodguard_precmd() {
  emulate -L zsh
  local key="$PWD|$\{NO_COLOR+nc}" v code seg= age= e=$'\e'
  integer d
  for v in ${keyVars}; do key+="|$\{(P)v}"; done
  for v in $\{(k)parameters[(I)*_UR[LI]]}; do key+="|$v=$\{(P)v}"; done
  if [[ $key != "$__prodguard_key" ]] || __prodguard_files_changed; then
    __prodguard_key=$key
    { : >"$__prodguard_base.stamp" } 2>/dev/null
    if code=$(command prodguard prompt --format zsh 2>/dev/null); then eval "$code"
    else __prodguard_level= __prodguard_label= __prodguard_name= __prodguard_color= __prodguard_ident=; fi
    if [[ $__prodguard_level == (prod|remote) ]]; then
      [[ $__prodguard_ident != "$__prodguard_since_ident" ]] && { __prodguard_since=$EPOCHSECONDS; __prodguard_since_ident=$__prodguard_ident }
    else
      __prodguard_since= __prodguard_since_ident=
    fi
  fi
  __prodguard_segment=
  if [[ -n $__prodguard_label ]]; then
    if [[ -n $__prodguard_since ]]; then
      d=$(( EPOCHSECONDS - __prodguard_since ))
      if (( d >= 172800 )); then age=$(( d / 86400 ))d; elif (( d >= 3600 )); then age=$(( d / 3600 ))h; elif (( d >= 60 )); then age=$(( d / 60 ))m; fi
    fi
    __prodguard_segment="$__prodguard_label$\{age:+ $age}$\{__prodguard_name:+ $__prodguard_name}"
    if [[ -n $__prodguard_color ]]; then seg="%{$\{e}[$\{__prodguard_color}m%}$__prodguard_segment%{$\{e}[0m%} "; else seg="$__prodguard_segment "; fi
  fi
  if (( __prodguard_show )) && [[ $\{PRODGUARD_PROMPT-1} != 0 ]]; then
    [[ -n $__prodguard_ps1 ]] && PS1=$\{PS1#"$__prodguard_ps1"}
    __prodguard_ps1=$seg
    PS1=$seg$PS1
  fi
}
add-zsh-hook precmd __prodguard_precmd

() {
  local w
  for w in accept-line accept-and-hold accept-line-and-down-history accept-and-infer-next-history; do
    if [[ $\{widgets[$w]} == user:* ]]; then zle -A $w __prodguard_orig_$w; else zle -A .$w __prodguard_orig_$w; fi
    functions[__prodguard_widget_$w]="__prodguard_accept $w"
    zle -N $w __prodguard_widget_$w
  done
}
fi
`;
  return header('zsh', options) + shellText(body);
}

// ---------------------------------------------------------------------------------------------
// fish (3.5 or later: `path mtime`). No warm checker: fish cannot open a FIFO without blocking.

export function fishSnippet(options: SnippetOptions): string {
  const { prefilter } = options;
  const list = (words: readonly string[]) => words.map(fishQuote).join(' ');
  const keyVars = options.keyVariables.map((name) => `$${name}`).join('|');
  const body = String.raw`
if status is-interactive; and not set -q __prodguard_version; and string match -qr -- '^([12]|3\.[0-4])\.' $version
    echo "prodguard: the shell hook needs fish 3.5 or later (this is $version); command lines are NOT checked" >&2
else if status is-interactive; and not set -q __prodguard_version
set -g __prodguard_version ${options.version}
set -g __prodguard_run ${fishQuote(options.runDir)}
set -g __prodguard_base $__prodguard_run/$fish_pid
set -g __prodguard_every ${prefilter.everyLine ? 1 : 0}
set -g __prodguard_show ${options.prompt ? 1 : 0}
set -g __prodguard_words ${list(prefilter.words)}
set -g __prodguard_wrappers ${list(prefilter.wrappers)}
set -g __prodguard_patterns ${list(prefilter.patterns)}
set -g __prodguard_words_re ${fishQuote(alternation(prefilter.words))}
set -g __prodguard_wrappers_re ${fishQuote(alternation(prefilter.wrappers))}
set -g __prodguard_pairs_re ${fishQuote(alternation(Object.keys(prefilter.pairs)))}
${Object.entries(prefilter.pairs).map(([name, companions]) => `set -g __prodguard_pair_(string escape --style=var -- ${fishQuote(name)}) ${list(companions)}`).join('\n')}
set -g __prodguard_since ''
set -g __prodguard_since_ident ''
set -g __prodguard_key ''
set -g __prodguard_level ''; set -g __prodguard_label ''; set -g __prodguard_name ''; set -g __prodguard_color ''; set -g __prodguard_ident ''
set -g __prodguard_segment ''
set -g __prodguard_defs
command mkdir -p -m 700 -- $__prodguard_run 2>/dev/null

# The prefilter (see the bash snippet). Status 0 when prodguard must see the line. fish builtins
# are cheap but pipes and loops are not: one regex per word class.
function __prodguard_needs_check --argument-names text
    set -g __prodguard_defs
    set -l hit 0
    set -l dyn 0
    # A command substitution, or one where a command goes: the command comes from its output.
    if test "$__prodguard_every" = 1; or string match -q -- '*$(*' $text; or string match -qr -- '(^|[;|&(]|\b(and|or|not|begin|if|while|else)\s)\s*\(' $text
        set hit 1
    end
    string match -qr -- '[$<]' $text; and set dyn 1
    set -l bare (string replace -ra -- '[\'"\\\\]' '' $text)
    set -l queue (string match -ar -- '[^;&|()<>/{},\s]+' $bare)
    # Abbreviations and functions where a command goes (aliases are functions whose description
    # says "alias NAME=VALUE"; other functions are sent whole; fish's own, like ls, are skipped).
    for w in (string match -ar -g -- '(?:^|[;&|\n(]|\b(?:and|or|not|if|while|begin|command|builtin|exec|time|sudo)\s)\s*([^\s;&|()<>]+)' $bare)
        set -l body ''
        if abbr -q -- $w
            for l in (abbr --show)
                set -l m (string match -r -- '^abbr .*-- (\S+) (.*)$' $l)
                test "$m[2]" = "$w"; or continue
                set body (string unescape -- $m[3])
                set -a __prodguard_defs "alias:$w=$body"
                break
            end
        else if functions -q -- $w; and not string match -q -- "$__fish_data_dir/*" (functions --details -- $w)
            set -l description (functions --details --verbose -- $w)[5]
            if string match -q -- "alias $w=*" $description
                set body (string replace -- "alias $w=" '' $description)
                set -a __prodguard_defs "alias:$w=$body"
            else
                set body (functions -- $w | string collect)
                set -a __prodguard_defs "function:$body"
            end
        end
        test -n "$body"; and set -a queue (string match -ar -- '[^;&|()<>/{},\s]+' (string replace -ra -- '[\'"\\\\]' '' $body))
    end
    test $hit = 1; and return 0
    set -q queue[1]; or return 1
    set -l present (string lower -- $queue)
    string match -qr -- $__prodguard_words_re $present; and return 0
    test $dyn = 1; and string match -qr -- $__prodguard_wrappers_re $present; and return 0
    set -l names (string replace -rf -- '^([^=]+)=.*' '$1' $present)
    set -q names[1]; and string match -qr -- $__prodguard_words_re $names; and return 0
    for p in $__prodguard_patterns
        string match -q -- $p $present; and return 0
    end
    for n in (string match -r -- $__prodguard_pairs_re $present)
        test $dyn = 1; and return 0
        set -l pair __prodguard_pair_(string escape --style=var -- $n)
        for c in $$pair
            string match -q -- $c $present; and return 0
        end
    end
    return 1
end

# Keep a refused line in history so it can be fixed: append it to the history file and merge.
function __prodguard_history_add --argument-names text
    set -q fish_history; and test -z "$fish_history"; and return
    set -l name fish
    set -q fish_history; and set name $fish_history
    set -l dir $HOME/.local/share/fish
    set -q XDG_DATA_HOME; and set dir $XDG_DATA_HOME/fish
    set -l escaped (string replace -a -- '\\' '\\\\' $text | string join '\n')
    command mkdir -p -- $dir 2>/dev/null
    printf '%s\n' "- cmd: $escaped" "  when: "(date +%s) >>$dir/{$name}_history 2>/dev/null
    builtin history merge 2>/dev/null
end

# Status 0: run the line; 1: do not.
function __prodguard_judge --argument-names text
    set -l args hook-check --shell fish --shell-pid $fish_pid
    test -n "$__prodguard_since"; and set -a args --since $__prodguard_since
    for def in $__prodguard_defs
        set -a args --define $def
    end
    command prodguard $args -c $text >$__prodguard_base.out 2>$__prodguard_base.err
    set -l code $status
    switch $code
        case 0 5
            return 0
        case 4 130
            return 1
        case 8
            set -g __prodguard_since (date +%s)
            return 0
        case 9
            set -g __prodguard_since (date +%s)
            return 1
    end
    set -l first (head -n1 $__prodguard_base.err 2>/dev/null)
    test -n "$first"; or set first "exit status $code"
    echo "prodguard: the guard failed ($first); this line runs unchecked" >&2
    return 0
end

function __prodguard_execute
    set -l text (commandline | string collect)
    # Unfinished (a block without end, an open quote) or invalid: fish adds a line or says why.
    if not commandline --is-valid; or test -z (string trim -- $text | string collect)
        commandline -f execute
        return
    end
    if __prodguard_needs_check $text
        echo >/dev/tty
        if not __prodguard_judge $text
            __prodguard_history_add $text
            commandline -r ''
            commandline -f repaint
            return
        end
    end
    commandline -f execute
end

function __prodguard_bind --on-variable fish_key_bindings
    for mode in default insert
        bind -M $mode \r __prodguard_execute 2>/dev/null
        bind -M $mode \n __prodguard_execute 2>/dev/null
    end
end
__prodguard_bind

function __prodguard_files_changed
    set -l since (path mtime -- $__prodguard_base.stamp 2>/dev/null); or return 1
    set -l files $HOME/.kube/config $PWD/.env $PWD/.env.local $PWD/.prodguard.yml $PWD/.prodguard.yaml $HOME/.config/prodguard/config.yml
    set -q XDG_CONFIG_HOME[1]; and set -a files $XDG_CONFIG_HOME/prodguard/config.yml
    set -q KUBECONFIG[1]; and set -a files (string split : -- $KUBECONFIG)
    set -l mode $RAILS_ENV $NODE_ENV $APP_ENV $RACK_ENV
    set -q mode[1]; and set -a files $PWD/.env.$mode[1] $PWD/.env.$mode[1].local
    for time in (path mtime -- $files 2>/dev/null)
        test $time -ge $since; and return 0
    end
    return 1
end

function __prodguard_update --on-event fish_prompt
    set -l key "$PWD|$NO_COLOR|${keyVars}"
    for v in (string match -r -- '_UR[LI]$' (set -n))
        set key "$key|$v=$$v"
    end
    if test "$key" != "$__prodguard_key"; or __prodguard_files_changed
        set -g __prodguard_key $key
        true >$__prodguard_base.stamp 2>/dev/null
        set -l code (command prodguard prompt --format fish 2>/dev/null)
        if test $status -eq 0
            printf '%s\n' $code | source
        else
            set -g __prodguard_level ''; set -g __prodguard_label ''; set -g __prodguard_name ''; set -g __prodguard_color ''; set -g __prodguard_ident ''
        end
        if contains -- "$__prodguard_level" prod remote
            if test "$__prodguard_ident" != "$__prodguard_since_ident"
                set -g __prodguard_since (date +%s)
                set -g __prodguard_since_ident $__prodguard_ident
            end
        else
            set -g __prodguard_since ''
            set -g __prodguard_since_ident ''
        end
    end
    set -g __prodguard_segment ''
    if test -n "$__prodguard_label"
        set -l age
        if test -n "$__prodguard_since"
            set -l d (math (date +%s) - $__prodguard_since)
            if test $d -ge 172800; set age (math -s0 $d / 86400)d
            else if test $d -ge 3600; set age (math -s0 $d / 3600)h
            else if test $d -ge 60; set age (math -s0 $d / 60)m
            end
        end
        set -g __prodguard_segment (string join ' ' -- $__prodguard_label $age $__prodguard_name)
    end
    # Wrap the person's fish_prompt (again, if it was redefined since).
    if test "$__prodguard_show" = 1; and functions -q fish_prompt; and not functions fish_prompt | string match -q '*__prodguard_print_segment*'
        functions -e __prodguard_user_prompt
        functions -c fish_prompt __prodguard_user_prompt
        function fish_prompt
            set -l last $status
            __prodguard_print_segment
            __prodguard_status $last
            __prodguard_user_prompt
        end
    end
end

function __prodguard_status
    return $argv[1]
end

function __prodguard_print_segment
    test -n "$__prodguard_segment"; or return
    set -q PRODGUARD_PROMPT; and test "$PRODGUARD_PROMPT" = 0; and return
    if test -n "$__prodguard_color"
        printf '\e[%sm%s\e[0m ' $__prodguard_color $__prodguard_segment
    else
        printf '%s ' $__prodguard_segment
    end
end
end
`;
  return header('fish', options) + shellText(body);
}
