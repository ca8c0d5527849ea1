# shellcheck shell=bash
# shellcheck disable=SC2154  # the __prodguard_* settings come from `prodguard init` (src/shell/adapters.ts)
# The bash integration `prodguard init bash` prints (bash 4.4 or later: `local -`, associative
# arrays, bind -x with READLINE_LINE). Enter runs a `bind -x` function that sees the whole line and
# may empty READLINE_LINE before `accept-line`; a shell-side prefilter decides whether prodguard
# is asked at all; a refused line stays in history and nothing runs; a missing or failing guard
# prints ONE line and the line runs. Constants (exit codes, request framing) are settings taken
# from src/shell/protocol.ts, never written here.
if [[ $- == *i* && -z ${__prodguard_version-} ]] && (( BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 404 )); then
# @settings@ (prodguard init puts the generated settings here: src/shell/adapters.ts)
__prodguard_base=$__prodguard_run/$$
__prodguard_first_prompt=1 __prodguard_dirty=1 __prodguard_scanned=0 __prodguard_cheap='' __prodguard_urls=''
__prodguard_pending='' __prodguard_fresh=1 __prodguard_since='' __prodguard_since_ident='' __prodguard_key='' __prodguard_seq=0
__prodguard_level='' __prodguard_label='' __prodguard_name='' __prodguard_color='' __prodguard_ident='' __prodguard_ps1='' __prodguard_segment='' __prodguard_echo=''
__prodguard_defs=()
# Words after which the prompt looks at every *_URL variable again (a line that may set them).
declare -gA __prodguard_variable_words=([export]=1 [declare]=1 [typeset]=1 [unset]=1 [source]=1 [.]=1 [eval]=1 [readonly]=1 [set]=1)
# mkdir is a process start: only when the folder is missing.
[[ -d $__prodguard_run ]] || command mkdir -p -m 700 -- "$__prodguard_run" 2>/dev/null

# The prefilter. Sets __prodguard_defs (aliases and functions the line names); status 0 when
# prodguard must see the line. Quotes and backslashes are removed (r'm' is rm to bash), and shell
# metacharacters and / split words (/usr/bin/rm holds rm). Same rules as needsCheck in
# src/shell/prefilter.ts (test/shell/prefilter.test.ts runs both on one corpus). Call it with
# stdout and stderr to /dev/null: `declare -F` prints the names it finds (and complains about
# `x=1`, which looks like an assignment to it); one redirection per call costs less than one per
# word.
__prodguard_needs_check() {
  # This runs on every line typed, and bash copies a function's whole body on each call and
  # re-parses an array assignment's words: a short body, few locals, no arrays built, and the
  # rare work (definitions, companions) in helpers. bench/hook-instructions.js counts it.
  local text=${1//[\'\"\\]/} w n hit=$__prodguard_every dyn=0 list paired='' pending IFS=$' \t\n'
  local -A seen
  __prodguard_defs=()
  if [[ $1 == *[\$\`\<]* ]]; then
    # shellcheck disable=SC2016  # '$(' is the literal text of a command substitution
    [[ $1 == *'$('[!\(]* || $1 == *'$(' || $1 == *$'\x60'* ]] && hit=1
    [[ $1 == *[\$\<]* ]] && dyn=1
  fi
  # A command word the shell computes, and redirections that write somewhere.
  # A redirection to /dev/null is never a command word: without it most lines with a `/` skip
  # the word scan (same answer, less work on every line).
  if (( ! hit )) && [[ ${text//[<>]\/dev\/null/>} == *[\$\`*?.[/]* ]] && __prodguard_computed_command "$text"; then hit=1; fi
  # `>/dev/null` ending a word is the most common redirection; without any other the answer is no.
  if (( ! hit && __prodguard_redirects )) && [[ ${text//>\/dev\/null/} == *'>'* || $text == *'>/dev/null'[!$' \t\n;&|)']* ]] &&
    __prodguard_writes "$text"; then hit=1; fi
  # One pass over the words, the words of the aliases and functions they name added as found
  # (their definitions go to prodguard even when a word already decided: it judges the bodies).
  list=${text//[;&|()<>\/\{\},$'\t\n\r']/ }
  while [[ -n $list ]]; do
    # Words are split, never globbed (`set -f` only when a word holds a glob character).
    [[ $list == *[*?[]* && $- != *f* ]] && { local -; set -f; }
    pending=''
    # shellcheck disable=SC2086  # word splitting is the point here
    for w in $list; do
      [[ -n ${seen[$w]+x} ]] && continue
      seen[$w]=1
      n=${w,,}
      # Lines that may change variables make the prompt look at every *_URL variable again.
      [[ -n ${__prodguard_variable_words[$n]+x} || $n == *_ur[li]=* ]] && __prodguard_dirty=1
      # One test for the common word (in no table, no `=`); the rest only when it may matter.
      if (( ! hit )) && [[ -n ${__prodguard_words[$n]+x}${__prodguard_pairs[$n]+x}${__prodguard_wrappers[$n]+x}${__prodguard_patterns[0]+x} || $n == ?*=* ]] &&
        __prodguard_word_hits "$n"; then hit=1; fi
      if [[ -n ${BASH_ALIASES[$w]+x} ]] || declare -F -- "$w"; then __prodguard_definition "$w"; fi
    done
    list=$pending
  done
  (( hit )) && return 0
  # A word that matters only beside a companion (`git` … `push`): the companions are globs.
  [[ -n $paired ]] && __prodguard_companions
}

# Status 0 when word $1 (lower case) decides the line alone; a word with companions is added to
# the caller's `paired`. Reads the caller's `dyn`.
__prodguard_word_hits() {
  local p
  [[ -n ${__prodguard_words[$1]+x} || ( $1 == ?*=* && -n ${__prodguard_words[${1%%=*}]+x} ) ]] && return 0
  if [[ -n ${__prodguard_pairs[$1]+x} ]]; then
    (( dyn )) && return 0
    paired+=" $1"
  elif (( dyn )) && [[ -n ${__prodguard_wrappers[$1]+x} ]]; then return 0; fi
  # shellcheck disable=SC2053  # the patterns are globs
  for p in "${__prodguard_patterns[@]}"; do [[ $1 == $p ]] && return 0; done
  return 1
}

# Alias or function $1 named by the line: its definition goes to prodguard, its words to the
# caller's `pending` (looked at as if typed).
__prodguard_definition() {
  local body
  if [[ -n ${BASH_ALIASES[$1]+x} ]]; then
    __prodguard_defs+=("alias:$1=${BASH_ALIASES[$1]}")
    body=${BASH_ALIASES[$1]}
  else
    declare -f -- "$1" >"$__prodguard_base.fn" 2>/dev/null
    body=''
    IFS= read -r -d '' body <"$__prodguard_base.fn"
    __prodguard_defs+=("function:$body")
  fi
  body=${body//[\'\"\\]/}
  pending+=" ${body//[;&|()<>\/\{\},$'\t\n\r']/ }"
}

# Status 0 when a word of the caller's `paired` meets one of its companions among the words seen.
__prodguard_companions() {
  local - n c w
  set -f
  # shellcheck disable=SC2086  # split on purpose (the caller's IFS)
  for n in $paired; do
    for c in ${__prodguard_pairs[$n]}; do
      # shellcheck disable=SC2053  # the companions are globs
      for w in "${!seen[@]}"; do [[ ${w,,} == $c ]] && return 0; done
    done
  done
  return 1
}

# Status 0 when a command word is computed: from a variable (a=rm; $a), ANSI-C quoting, an
# expansion that may be empty (r${X}m), a glob, `.` (it sources a file), or a path (./deploy.sh:
# a script prodguard reads). Same rules as computedCommandWord in
# src/shell/prefilter.ts: separators start a command; assignments, redirections and the
# __prodguard_prefixes words are skipped to reach its name.
__prodguard_computed_command() {
  local w t=$1
  # One simple command whose first word is a plain name (most lines): that word is the answer.
  if [[ $t != *[\;\&\|\(\)$'\n']* ]]; then
    t=${t#"${t%%[!$' \t']*}"} w=${t%%[$' \t']*}
    w=${w,,}
    [[ -z ${__prodguard_prefixes[$w]+x}${__prodguard_launchers[$w]+x} && $w != *[=\<\>\$\`*?/[]* && $w != [0-9]* && $w != . ]] && return 1
    t=$1
  fi
  local - position=1 skip=0 launched=0
  t=${t//[;&|()$'\n']/ ; }
  set -f
  # shellcheck disable=SC2206  # split on purpose, set -f
  local -a words=($t)
  for w in "${words[@]}"; do
    if [[ $w == ';' ]]; then position=1 skip=0 launched=0; continue; fi
    # A word up to its first redirection is what could be a command (`true>/dev/null` is true).
    if (( launched )); then
      [[ ${w%%[\<\>]*} == *[\$\`*?/]* ]] && return 0
      continue
    fi
    (( position )) || continue
    if (( skip )); then skip=0; continue; fi
    w=${w,,}
    if [[ $w == *[\<\>] && -z ${w//[0-9<>]/} ]]; then skip=1; continue; fi
    [[ ( $w == [0-9\<\>]* && $w == *[\<\>]* ) || ( $w == [a-z_]*=* && ${w%%=*} != *[!a-z0-9_+]* ) || -n ${__prodguard_prefixes[$w]+x} ]] && continue
    if [[ -n ${__prodguard_launchers[$w]+x} ]]; then launched=1; continue; fi
    w=${w%%[\<\>]*}
    [[ $w == *[\$\`*?/]* || ( $w == *'['* && $w != '[' && $w != '[[' ) || $w == . ]] && return 0
    position=0
  done
  return 1
}

# Status 0 when a redirection (>, >>, >|, &>, <>) writes anywhere but __prodguard_harmless_targets
# or duplicates a descriptor (>&2). Same rules as writesSomewhere in src/shell/prefilter.ts.
__prodguard_writes() {
  local t=${1,,} operator target descriptor='^([0-9]+|-)$'
  while [[ $t == *'>'* ]]; do
    t=${t#*'>'}
    operator=''
    if [[ $t == [\>\|\&]* ]]; then operator=${t:0:1} t=${t:1}; fi
    t=${t#"${t%%[![:space:]]*}"}
    target=${t%%[[:space:];&|()<>]*}
    [[ -n $target && -n ${__prodguard_harmless_targets[$target]+x} ]] && continue
    [[ $operator == '&' && $target =~ $descriptor ]] && continue
    return 0
  done
  return 1
}

# bash 5 keeps the time in a variable; 4.4 formats it (a builtin, but ten times the cost).
if [[ -n ${EPOCHSECONDS-} ]]; then __prodguard_now() { __prodguard_time=$EPOCHSECONDS; }
else __prodguard_now() { printf -v __prodguard_time '%(%s)T' -1; }; fi

# The prompt's cheap key: the folder and every variable that can change what a line targets, as
# one expansion written out once (the names are identifiers: PROMPT_KEY_VARIABLES in
# src/commands/init.ts), not a loop of indirect expansions on every prompt.
# `$NAME` costs half of `${NAME-}` in bash; the braced form only under `set -u`.
# shellcheck disable=SC2016  # the expansions are the function's body, expanded when it runs
printf -v __prodguard_key_code '|${%s-}' "${__prodguard_key_variables[@]}"
# shellcheck disable=SC2016
printf -v __prodguard_key_plain '|$%s' "${__prodguard_key_variables[@]}"
eval "__prodguard_cheap_key() { if [[ \$- == *u* ]]; then key=\"\$PWD|\${NO_COLOR+nc}$__prodguard_key_code\"; else key=\"\$PWD|\${NO_COLOR+nc}$__prodguard_key_plain\"; fi; }"
unset __prodguard_key_code __prodguard_key_plain

# Ask the warm checker (a FIFO pair served by "prodguard serve"). Sets __prodguard_status, or
# leaves 100 when there is none or it does not answer.
__prodguard_ask_warm() {
  local base=$__prodguard_base pid='' resp='' id action text='' fd rfd
  __prodguard_status=100
  [[ -p $base.req && -p $base.res && -f $base.pid ]] || return
  IFS= read -r pid <"$base.pid" 2>/dev/null
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return
  id=$$-$((++__prodguard_seq))
  { exec {fd}<>"$base.req"; } 2>/dev/null || return
  local -a defs=("${__prodguard_defs[@]}")
  [[ -n $__prodguard_echo ]] && defs+=("echo:$__prodguard_echo")
  # shellcheck disable=SC2261  # >&"$fd" is stdout to the FIFO, not a second stderr
  { printf '%s\0' "$__prodguard_magic" "$id" bash "$PWD" "$__prodguard_since" "$1" "${#defs[@]}" "${defs[@]}"; command env -0; printf '%s\0' "$__prodguard_end"; } >&"$fd" 2>/dev/null
  exec {fd}>&-
  { exec {rfd}<>"$base.res"; } 2>/dev/null || return
  while IFS= read -r -d "$__prodguard_end" -t 10 resp <&"$rfd"; do
    [[ ${resp%%$'\n'*} == "$id" ]] && break
    resp=''
  done
  exec {rfd}>&-
  if [[ -z $resp ]]; then kill "$pid" 2>/dev/null; return; fi
  resp=${resp#*$'\n'}
  action=${resp%%$'\n'*}
  [[ $resp == *$'\n'* ]] && text=${resp#*$'\n'}
  [[ -n $text ]] && printf '%s' "$text" >&2
  case $action in
    "$__prodguard_action_run") __prodguard_status=$__prodguard_exit_run ;;
    "$__prodguard_action_refuse") __prodguard_status=$__prodguard_exit_refused ;;
    "$__prodguard_action_unparsed") __prodguard_status=$__prodguard_exit_unparsed ;;
  esac
}

# Judge a line. Status 0: run it; 1: do not.
__prodguard_judge() {
  local text=$1 first='' def
  local -a args=(hook-check --shell bash --shell-pid "$$")
  [[ -n $__prodguard_since ]] && args+=(--since "$__prodguard_since")
  for def in "${__prodguard_defs[@]}"; do args+=(--define "$def"); done
  [[ -n $__prodguard_echo ]] && args+=(--echo "$__prodguard_echo")
  __prodguard_status=100
  (( __prodguard_warm )) && __prodguard_ask_warm "$text"
  if (( __prodguard_status == 100 )); then
    (( __prodguard_warm )) && args+=(--warm "$__prodguard_base")
    command prodguard "${args[@]}" -c "$text" >"$__prodguard_base.out" 2>"$__prodguard_base.err"
    __prodguard_status=$?
  fi
  case $__prodguard_status in
    "$__prodguard_exit_run"|"$__prodguard_exit_unparsed") return 0 ;;
    "$__prodguard_exit_refused"|130) return 1 ;;
    "$__prodguard_exit_stale_confirmed_run") __prodguard_now; __prodguard_since=$__prodguard_time; return 0 ;;
    "$__prodguard_exit_stale_confirmed_refused") __prodguard_now; __prodguard_since=$__prodguard_time; return 1 ;;
  esac
  IFS= read -r first <"$__prodguard_base.err" 2>/dev/null
  [[ -n $__prodguard_echo ]] && printf '%s\n' "$__prodguard_echo" >&2
  printf 'prodguard: the guard failed (%s); this line runs unchecked\n' "${first:-exit status $__prodguard_status}" >&2
  return 0
}

# Enter: bound with bind -x, then accept-line. Emptying READLINE_LINE means nothing runs.
__prodguard_check() {
  [[ ${PROMPT_COMMAND[*]} == *__prodguard_precmd* ]] || { __prodguard_install_precmd; __prodguard_fresh=1; }
  (( __prodguard_fresh )) && __prodguard_pending=''
  __prodguard_fresh=0
  local line=$READLINE_LINE text judged continuing=${__prodguard_pending:+1}
  text=$__prodguard_pending$line
  __prodguard_pending+=$line$'\n'
  [[ -n ${line//[[:space:]]/} ]] || return 0
  judged=$text
  if [[ $- == *H* && ( $text == *'!'* || $text == '^'* ) ]]; then
    # history -p drops the newest entry first (it expects to run as its own command line): push
    # a copy and drop the copy, in a subshell, so !! and !-2 mean what they will mean to bash.
    local last
    last=$(builtin fc -ln -1 2>/dev/null)
    last=${last#$'\t'}
    judged=$(builtin history -s -- "${last# }"; builtin history -d -1 2>/dev/null; builtin history -p -- "$text" 2>/dev/null) || judged=$text
  fi
  __prodguard_needs_check "$judged" >/dev/null 2>&1 || return 0
  # To run this function, readline erased the prompt's last line and the typed line from the
  # screen (a terminal with "clear to end of line"; bash redraws them when it returns). Whatever
  # prodguard says about the line is printed below that line shown again, not in its place.
  __prodguard_echo=''
  if [[ ${TERM:-dumb} != dumb ]]; then
    __prodguard_echo=${PS1@P}
    __prodguard_echo=${__prodguard_echo//[$'\001\002']/}
    __prodguard_echo=${__prodguard_echo##*$'\n'}$line
  fi
  __prodguard_judge "$judged" && return 0
  builtin history -s -- "$text"
  __prodguard_pending=''
  # Lines bash already holds (a multi-line command at PS2) are dropped the way Ctrl-C drops them.
  if [[ -n $continuing ]]; then
    READLINE_LINE=
    kill -INT $$
    return 0
  fi
  # Nothing of the line runs: bash runs __prodguard_refused instead, which leaves $? at 1 (as a
  # failed command would), takes itself out of history and off the screen, so one prompt follows.
  READLINE_LINE=__prodguard_refused
  READLINE_POINT=${#READLINE_LINE}
  return 0
}

__prodguard_refused() {
  # Without timestamps, `history 1` is "  NUMBER  __prodguard_refused".
  local entry number HISTTIMEFORMAT=
  entry=$(builtin history 1 2>/dev/null)
  entry=${entry#"${entry%%[0-9]*}"}
  number=${entry%%[!0-9]*}
  [[ -n $number && $entry == "$number  __prodguard_refused" ]] && builtin history -d "$number" 2>/dev/null
  [[ -t 2 && ${TERM:-dumb} != dumb ]] && printf '\e[1A\e[2K' >&2
  # An interactive shell with errexit would close on a failing command: not for a refusal.
  [[ $- == *e* ]] && return 0
  return 1
}

# The files the segment depends on, listed when the key changes (their names come from the
# folder and variables the key holds) and written into __prodguard_newer_than as one test:
# at every prompt that is one `[[ … -nt … ]]`, not a loop (each statement costs in bash).
__prodguard_watch_files() {
  local mode=${RAILS_ENV:-${NODE_ENV:-${APP_ENV:-${RACK_ENV-}}}} config=${XDG_CONFIG_HOME:-$HOME/.config}/prodguard f test
  local -a files=("$HOME/.kube/config" "$PWD/.env" "$PWD/.env.local" "$PWD/.prodguard.yml" "$PWD/.prodguard.yaml" "$config/config.yml")
  [[ -n $mode ]] && files+=("$PWD/.env.$mode" "$PWD/.env.$mode.local")
  if [[ -n ${KUBECONFIG-} ]]; then
    local - IFS=:
    set -f
    for f in $KUBECONFIG; do files+=("$f"); done
  fi
  # shellcheck disable=SC2016  # $1 is the generated function's argument
  printf -v test '%q -nt $1 || ' "${files[@]}"
  eval "__prodguard_newer_than() { [[ ${test% || } ]]; }"
}
__prodguard_newer_than() { return 1; }

# Status 0 when a watched file is newer than the stamp ($1, else this shell's).
__prodguard_files_changed() {
  local stamp=${1:-$__prodguard_base.stamp}
  [[ -e $stamp ]] && __prodguard_newer_than "$stamp"
}

# A new shell's first prompt: the segment the last shell computed for the same key (variables
# and folder), unless a file it depends on changed since: no process starts with the shell.
# Sets code (the caller's local) to the saved assignments.
__prodguard_last_prompt() {
  local last=$__prodguard_run/prompt.last saved=''
  (( __prodguard_first_prompt )) || return 1
  __prodguard_first_prompt=0
  [[ -f $last ]] || return 1
  { IFS= read -r -d '' saved && IFS= read -r -d '' code; } <"$last" 2>/dev/null || return 1
  [[ $saved == "$1" ]] && ! __prodguard_files_changed "$last"
}

# The *_URL / *_URI variables (a DATABASE_URL by another name) into __prodguard_urls. Only
# exported ones: prodguard (the prompt process, the checker's request) sees the environment, not
# shell variables. `compgen -e` lists them in one pass; `${!A@}` … `${!Z@}` is the fallback, about
# 40 times the work (this runs at least every 5 s, so on most lines a person types).
__prodguard_scan_urls() {
  local v
  local -a names=()
  __prodguard_urls=''
  if { compgen -e -X '!*_UR[LI]'; :; } >"$__prodguard_base.env" 2>/dev/null; then
    mapfile -t names <"$__prodguard_base.env"
  else
    for v in ${!A@} ${!B@} ${!C@} ${!D@} ${!E@} ${!F@} ${!G@} ${!H@} ${!I@} ${!J@} ${!K@} ${!L@} ${!M@} ${!N@} ${!O@} ${!P@} ${!Q@} ${!R@} ${!S@} ${!T@} ${!U@} ${!V@} ${!W@} ${!X@} ${!Y@} ${!Z@}; do [[ $v == *_UR[LI] ]] && names+=("$v"); done
  fi
  for v in "${names[@]}"; do __prodguard_urls+="|$v=${!v}"; done
}

# A changed key (folder, variables, *_URL values) or a changed file: the segment again.
__prodguard_new_key() {
  local code
  __prodguard_key=$1
  __prodguard_watch_files
  { : >"$__prodguard_base.stamp"; } 2>/dev/null
  if __prodguard_last_prompt "$1"; then eval "$code"
  elif code=$(command prodguard prompt --format bash 2>/dev/null); then
    eval "$code"
    { printf '%s\0%s\0' "$1" "$code" >"$__prodguard_run/prompt.last"; } 2>/dev/null
  else __prodguard_level='' __prodguard_label='' __prodguard_name='' __prodguard_color='' __prodguard_ident=''; fi
  __prodguard_now
  if [[ $__prodguard_level == prod || $__prodguard_level == remote ]]; then
    [[ $__prodguard_ident != "$__prodguard_since_ident" ]] && { __prodguard_since=$__prodguard_time; __prodguard_since_ident=$__prodguard_ident; }
  else
    __prodguard_since='' __prodguard_since_ident=''
  fi
}

# The prompt function: runs before every prompt, so its common path (nothing changed, no
# segment) is a few tests. bench/hook-instructions.js counts it.
__prodguard_precmd() {
  local status=$? key seg='' age=''
  __prodguard_fresh=1
  __prodguard_cheap_key
  __prodguard_now
  # Every *_URL / *_URI variable is a scan: done when the cheap key changes, after a line that
  # may set variables, and at most 5 s apart. Without one, the full key is the one already held.
  if [[ $key != "$__prodguard_cheap" ]] || (( __prodguard_dirty || __prodguard_time - __prodguard_scanned >= 5 )); then
    __prodguard_cheap=$key __prodguard_dirty=0 __prodguard_scanned=$__prodguard_time
    __prodguard_scan_urls
    key+=$__prodguard_urls
    [[ $key != "$__prodguard_key" ]] && __prodguard_new_key "$key"
  fi
  [[ -e $__prodguard_base.stamp ]] && __prodguard_newer_than "$__prodguard_base.stamp" && __prodguard_new_key "$__prodguard_key"
  __prodguard_segment=''
  if [[ -n $__prodguard_label ]]; then
    if [[ -n $__prodguard_since ]]; then
      local -i d=$(( __prodguard_time - __prodguard_since ))
      if (( d >= 172800 )); then age=$((d / 86400))d; elif (( d >= 3600 )); then age=$((d / 3600))h; elif (( d >= 60 )); then age=$((d / 60))m; fi
    fi
    __prodguard_segment="$__prodguard_label${age:+ $age}${__prodguard_name:+ $__prodguard_name}"
    if [[ -n $__prodguard_color ]]; then seg="\[\e[${__prodguard_color}m\]$__prodguard_segment\[\e[0m\] "; else seg="$__prodguard_segment "; fi
  fi
  # For prompt tools that read the environment (starship's env_var module): the plain segment
  # and its level, exported while there is one (not *_ENV: prodguard reads those as an environment).
  if [[ -n $__prodguard_segment ]]; then export PRODGUARD_SEGMENT="$__prodguard_segment" PRODGUARD_SEGMENT_LEVEL="$__prodguard_level"
  elif [[ -n ${PRODGUARD_SEGMENT+x}${PRODGUARD_SEGMENT_LEVEL+x} ]]; then unset PRODGUARD_SEGMENT PRODGUARD_SEGMENT_LEVEL; fi
  if (( __prodguard_show )) && [[ ${PRODGUARD_PROMPT-1} != 0 && -n $__prodguard_ps1$seg ]]; then
    [[ -n $__prodguard_ps1 ]] && PS1=${PS1#"$__prodguard_ps1"}
    __prodguard_ps1=$seg
    PS1=$seg$PS1
  fi
  return $status
}

__prodguard_install_precmd() {
  # PROMPT_COMMAND is an array (bash 5.1+) or a string: keep whichever the person uses.
  # shellcheck disable=SC2128,SC2178
  if [[ ${PROMPT_COMMAND@a} == *a* ]]; then PROMPT_COMMAND+=(__prodguard_precmd)
  else PROMPT_COMMAND=${PROMPT_COMMAND:+$PROMPT_COMMAND$'\n'}__prodguard_precmd; fi
}
__prodguard_install_precmd

for __prodguard_map in emacs vi-insert vi-command; do
  bind -m "$__prodguard_map" -x '"\C-x\e_pgc": __prodguard_check'
  bind -m "$__prodguard_map" '"\C-x\e_pga": accept-line'
  bind -m "$__prodguard_map" '"\C-m": "\C-x\e_pgc\C-x\e_pga"'
  bind -m "$__prodguard_map" '"\C-j": "\C-x\e_pgc\C-x\e_pga"'
done
unset __prodguard_map
elif [[ $- == *i* && -z ${__prodguard_version-} ]]; then
  echo "prodguard: the shell hook needs bash 4.4 or later (this is $BASH_VERSION); command lines are NOT checked" >&2
fi
