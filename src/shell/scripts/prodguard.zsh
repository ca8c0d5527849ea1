# The zsh integration `prodguard init zsh` prints (zsh 5.1 or later): the accept-line widgets are
# wrapped and read $PREBUFFER$BUFFER. See prodguard.bash for the behaviour; the __prodguard_*
# settings (exit codes, request framing, prefilter words) come from src/shell/adapters.ts.
if [[ -o interactive ]] && (( ! ${+__prodguard_version} )); then
# @settings@ (prodguard init puts the generated settings here: src/shell/adapters.ts)
typeset -g __prodguard_base=$__prodguard_run/$$
typeset -g __prodguard_first_prompt=1
typeset -ga __prodguard_prompts=()
typeset -g __prodguard_since= __prodguard_since_ident= __prodguard_key= __prodguard_seq=0 __prodguard_status=0
typeset -g __prodguard_dirty=1 __prodguard_scanned=0 __prodguard_cheap= __prodguard_urls=
# Words after which the prompt looks at every *_URL variable again (a line that may set them).
typeset -gA __prodguard_variable_words=(export 1 declare 1 typeset 1 unset 1 source 1 . 1 eval 1 readonly 1 set 1 local 1)
typeset -g __prodguard_level= __prodguard_label= __prodguard_name= __prodguard_color= __prodguard_ident= __prodguard_ps1= __prodguard_segment=
zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null
autoload -Uz add-zsh-hook
# mkdir is a process start: only when the folder is missing.
[[ -d $__prodguard_run ]] || command mkdir -p -m 700 -- "$__prodguard_run" 2>/dev/null

# See prodguard.bash: computedCommandWord and writesSomewhere in src/shell/prefilter.ts.
__prodguard_computed_command() {
  emulate -L zsh
  local w t=$1
  # One simple command whose first word is a plain name (most lines): that word is the answer.
  if [[ $t != *[\;\&\|\(\)$'\n']* ]]; then
    t=${t#"${t%%[^$' \t']*}"} w=${t%%[$' \t']*}
    w=${(L)w}
    (( ! ${+__prodguard_prefixes[$w]} && ! ${+__prodguard_launchers[$w]} )) && [[ $w != *[=\<\>\$\`*?/[]* && $w != [0-9]* && $w != . ]] && return 1
  fi
  local IFS=$' \t\n'
  t=${1//[;&|()$'\n']/ ; }
  integer position=1 skip=0 launched=0
  for w in ${=t}; do
    if [[ $w == ';' ]]; then position=1 skip=0 launched=0; continue; fi
    # A word up to its first redirection is what could be a command (`true>/dev/null` is true).
    if (( launched )); then
      [[ ${w%%[\<\>]*} == *[\$\`*?/]* ]] && return 0
      continue
    fi
    (( position )) || continue
    if (( skip )); then skip=0; continue; fi
    w=${(L)w}
    if [[ $w == *[\<\>] && -z ${w//[0-9<>]/} ]]; then skip=1; continue; fi
    [[ ( $w == [0-9\<\>]* && $w == *[\<\>]* ) || ( $w == [a-z_]*=* && ${w%%=*} != *[^a-z0-9_+]* ) ]] && continue
    (( ${+__prodguard_prefixes[$w]} )) && continue
    if (( ${+__prodguard_launchers[$w]} )); then launched=1; continue; fi
    w=${w%%[\<\>]*}
    [[ $w == *[\$\`*?/]* || ( $w == *'['* && $w != '[' && $w != '[[' ) || $w == . ]] && return 0
    position=0
  done
  return 1
}

__prodguard_writes() {
  emulate -L zsh
  local t=${(L)1} operator target descriptor='^([0-9]+|-)$'
  while [[ $t == *'>'* ]]; do
    t=${t#*'>'}
    operator=''
    if [[ $t == [\>\|\&]* ]]; then operator=${t[1]} t=${t[2,-1]}; fi
    t=${t#"${t%%[![:space:]]*}"}
    target=${t%%[[:space:];&|()<>]*}
    [[ -n $target ]] && (( ${+__prodguard_harmless_targets[$target]} )) && continue
    [[ $operator == '&' && $target =~ $descriptor ]] && continue
    return 0
  done
  return 1
}

# The prefilter (see the bash snippet). Status 0 when prodguard must see the line.
__prodguard_needs_check() {
  emulate -L zsh
  # The line is split on blanks whatever IFS the person set.
  local text=$1 w n p c body IFS=$' \t\n'
  integer hit=0 dyn=0 i=1
  local -A seen present
  __prodguard_defs=()
  [[ $__prodguard_every == 1 || $text == *'$('[!\(]* || $text == *'$(' || $text == *$'\x60'* ]] && hit=1
  [[ $text == *[\$\<]* ]] && dyn=1
  text=${text//[\'\"\\]/}
  # A command word the shell computes, and redirections that write somewhere.
  # A redirection to /dev/null is never a command word: without it most lines with a `/` skip
  # the word scan (same answer, less work on every line).
  if (( ! hit )) && [[ ${text//[<>]\/dev\/null/>} == *[\$\`*?.[/]* ]] && __prodguard_computed_command "$text"; then hit=1; fi
  # `>/dev/null` ending a word is the most common redirection; without any other the answer is no.
  if (( ! hit && __prodguard_redirects )) && [[ ${text//>\/dev\/null/} == *'>'* || $text == *'>/dev/null'[^$' \t\n;&|)']* ]] &&
    __prodguard_writes "$text"; then hit=1; fi
  local -a queue
  queue=(${=${text//[;&|()<>\/\{\},$'\t\n\r']/ }})
  while (( i <= $#queue )); do
    w=$queue[i]
    (( i++ ))
    n=${(L)w}
    present[$n]=1
    # Lines that may change variables make the prompt look at every *_URL variable again.
    if (( ${+__prodguard_variable_words[$n]} )) || [[ $n == *_ur[li]=* ]]; then __prodguard_dirty=1; fi
    (( ${+seen[$w]} )) && continue
    seen[$w]=1
    body=
    if (( ${+aliases[$w]} )); then
      __prodguard_defs+=("alias:$w=$aliases[$w]")
      body=$aliases[$w]
    elif (( ${+galiases[$w]} )); then
      body=$galiases[$w]
    elif (( ${+functions[$w]} )); then
      __prodguard_defs+=("function:$w () {"$'\n'"$functions[$w]"$'\n'"}")
      body=$functions[$w]
    fi
    if [[ -n $body ]]; then
      body=${body//[\'\"\\]/}
      queue+=(${=${body//[;&|()<>\/\{\},$'\t\n\r']/ }})
    fi
  done
  (( hit )) && return 0
  for n in ${(k)present}; do
    (( ${+__prodguard_words[$n]} )) && return 0
    (( dyn )) && (( ${+__prodguard_wrappers[$n]} )) && return 0
    [[ $n == ?*=* ]] && (( ${+__prodguard_words[${n%%=*}]} )) && return 0
    for p in $__prodguard_patterns; do [[ $n == $~p ]] && return 0; done
    if (( ${+__prodguard_pairs[$n]} )); then
      (( dyn )) && return 0
      for c in ${=__prodguard_pairs[$n]}; do
        for w in ${(k)present}; do [[ $w == $~c ]] && return 0; done
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
  { printf '%s\0' "$__prodguard_magic" "$id" zsh "$PWD" "$__prodguard_since" "$1" "$#__prodguard_defs" "${__prodguard_defs[@]}"; command env -0; printf '%s\0' "$__prodguard_end" } >&$fd 2>/dev/null
  exec {fd}>&-
  { exec {rfd}<>"$base.res" } 2>/dev/null || return
  while IFS= read -r -d "$__prodguard_end" -t 10 resp <&$rfd; do
    [[ ${resp%%$'\n'*} == "$id" ]] && break
    resp=
  done
  exec {rfd}>&-
  if [[ -z $resp ]]; then kill "$pid" 2>/dev/null; return; fi
  resp=${resp#*$'\n'}
  action=${resp%%$'\n'*}
  [[ $resp == *$'\n'* ]] && text=${resp#*$'\n'}
  [[ -n $text ]] && { zle -I; print -rn -- "$text" >&2 }
  case $action in
    ("$__prodguard_action_run") __prodguard_status=$__prodguard_exit_run ;;
    ("$__prodguard_action_refuse") __prodguard_status=$__prodguard_exit_refused ;;
    ("$__prodguard_action_unparsed") __prodguard_status=$__prodguard_exit_unparsed ;;
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
    command prodguard "${args[@]}" -c "$text" >"$__prodguard_base.out" 2>"$__prodguard_base.err"
    __prodguard_status=$?
  fi
  case $__prodguard_status in
    ("$__prodguard_exit_run"|"$__prodguard_exit_unparsed") return 0 ;;
    ("$__prodguard_exit_refused"|130) return 1 ;;
    ("$__prodguard_exit_stale_confirmed_run") __prodguard_since=$EPOCHSECONDS; return 0 ;;
    ("$__prodguard_exit_stale_confirmed_refused") __prodguard_since=$EPOCHSECONDS; return 1 ;;
  esac
  IFS= read -r first <"$__prodguard_base.err" 2>/dev/null
  zle -I
  print -r -- "prodguard: the guard failed (${first:-exit status $__prodguard_status}); this line runs unchecked" >&2
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
  if [[ -n ${BUFFER//[[:space:]]/} ]] && __prodguard_needs_check "$judged"; then
    if ! __prodguard_judge "$judged"; then
      print -s -r -- "$text"
      # send-break drops the line and leaves $? at 1. It first draws the (empty) line once more
      # below what prodguard printed: drawn without a prompt, and taken off the screen by the
      # next precmd (which puts the prompts back), so one prompt follows the refusal.
      __prodguard_prompts=("$PS1" "$RPS1")
      PS1='' RPS1=''
      BUFFER=
      zle .send-break
      return
    fi
  fi
  zle __prodguard_orig_$widget
}

__prodguard_files_changed() {
  emulate -L zsh
  local stamp=${1:-$__prodguard_base.stamp} f mode=${RAILS_ENV:-${NODE_ENV:-${APP_ENV:-$RACK_ENV}}} config=${XDG_CONFIG_HOME:-$HOME/.config}/prodguard
  [[ -e $stamp ]] || return 1
  for f in ${(s.:.)KUBECONFIG}; do [[ $f -nt $stamp ]] && return 0; done
  # One test, not a loop: this runs at every prompt.
  [[ $HOME/.kube/config -nt $stamp || $PWD/.env -nt $stamp || $PWD/.env.local -nt $stamp || $PWD/.prodguard.yml -nt $stamp ||
    $PWD/.prodguard.yaml -nt $stamp || $config/config.yml -nt $stamp ]] && return 0
  [[ -n $mode && ( $PWD/.env.$mode -nt $stamp || $PWD/.env.$mode.local -nt $stamp ) ]]
}

# The prompt's cheap key: the folder and every variable that can change what a line targets,
# as one expansion written out once (the names are identifiers: PROMPT_KEY_VARIABLES in
# src/commands/init.ts), not a loop of indirect expansions on every prompt. Sets the caller's key.
() {
  local v code=''
  for v in $__prodguard_key_variables; do code+="|\${$v-}"; done
  eval "__prodguard_cheap_key() { key=\"\$PWD|\${NO_COLOR+nc}$code\"; }"
}

# See prodguard.bash: a new shell's first prompt reuses the last shell's segment for the same key.
__prodguard_last_prompt() {
  local last=$__prodguard_run/prompt.last saved=''
  (( __prodguard_first_prompt )) || return 1
  __prodguard_first_prompt=0
  [[ -f $last ]] || return 1
  { IFS= read -r -d '' saved && IFS= read -r -d '' code } <"$last" 2>/dev/null || return 1
  [[ $saved == "$1" ]] && ! __prodguard_files_changed "$last"
}

__prodguard_precmd() {
  emulate -L zsh
  local key v code seg= age= e=$'\e'
  integer d
  # After a refusal (see __prodguard_accept): the prompts back, the empty line send-break drew gone.
  if (( $#__prodguard_prompts )); then
    PS1=$__prodguard_prompts[1] RPS1=$__prodguard_prompts[2]
    __prodguard_prompts=()
    [[ -t 2 && ${TERM:-dumb} != dumb ]] && print -rn -- "${e}[1A${e}[2K" >&2
  fi
  __prodguard_cheap_key
  # Every *_URL / *_URI variable (a DATABASE_URL by another name) is a scan of all parameters: done
  # when the cheap key changes, after a line that may set variables, and at most 5 s apart (as bash).
  if [[ $key != "$__prodguard_cheap" ]] || (( __prodguard_dirty || EPOCHSECONDS - __prodguard_scanned >= 5 )); then
    __prodguard_cheap=$key __prodguard_dirty=0 __prodguard_scanned=$EPOCHSECONDS __prodguard_urls=
    for v in ${(k)parameters[(I)*_UR[LI]]}; do __prodguard_urls+="|$v=${(P)v}"; done
  fi
  key+=$__prodguard_urls
  if [[ $key != "$__prodguard_key" ]] || __prodguard_files_changed; then
    __prodguard_key=$key
    { : >"$__prodguard_base.stamp" } 2>/dev/null
    if __prodguard_last_prompt "$key"; then eval "$code"
    elif code=$(command prodguard prompt --format zsh 2>/dev/null); then
      eval "$code"
      { printf '%s\0%s\0' "$key" "$code" >"$__prodguard_run/prompt.last" } 2>/dev/null
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
    __prodguard_segment="$__prodguard_label${age:+ $age}${__prodguard_name:+ $__prodguard_name}"
    if [[ -n $__prodguard_color ]]; then seg="%{${e}[${__prodguard_color}m%}$__prodguard_segment%{${e}[0m%} "; else seg="$__prodguard_segment "; fi
  fi
  # For prompt tools that read the environment (starship's env_var module): the plain segment
  # and its level, exported while there is one (not *_ENV: prodguard reads those as an environment).
  if [[ -n $__prodguard_segment ]]; then export PRODGUARD_SEGMENT="$__prodguard_segment" PRODGUARD_SEGMENT_LEVEL="$__prodguard_level"
  else unset PRODGUARD_SEGMENT PRODGUARD_SEGMENT_LEVEL; fi
  if (( __prodguard_show )) && [[ ${PRODGUARD_PROMPT-1} != 0 ]]; then
    [[ -n $__prodguard_ps1 ]] && PS1=${PS1#"$__prodguard_ps1"}
    __prodguard_ps1=$seg
    PS1=$seg$PS1
  fi
}
add-zsh-hook precmd __prodguard_precmd

() {
  local w
  for w in accept-line accept-and-hold accept-line-and-down-history accept-and-infer-next-history; do
    if [[ ${widgets[$w]} == user:* ]]; then zle -A $w __prodguard_orig_$w; else zle -A .$w __prodguard_orig_$w; fi
    functions[__prodguard_widget_$w]="__prodguard_accept $w"
    zle -N $w __prodguard_widget_$w
  done
}
fi
