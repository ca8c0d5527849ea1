# The fish integration `prodguard init fish | source` prints (fish 3.5 or later: `path mtime`).
# Enter is bound to a function that reads `commandline`. No warm checker: fish cannot open a FIFO
# without blocking. The __prodguard_* settings come from src/shell/adapters.ts.
if status is-interactive; and not set -q __prodguard_version; and string match -qr -- '^([12]|3\.[0-4])\.' $version
    echo "prodguard: the shell hook needs fish 3.5 or later (this is $version); command lines are NOT checked" >&2
else if status is-interactive; and not set -q __prodguard_version
# @settings@ (prodguard init puts the generated settings here: src/shell/adapters.ts)
set -g __prodguard_base $__prodguard_run/$fish_pid
set -g __prodguard_since ''
set -g __prodguard_since_ident ''
set -g __prodguard_key ''
set -g __prodguard_level ''; set -g __prodguard_label ''; set -g __prodguard_name ''; set -g __prodguard_color ''; set -g __prodguard_ident ''
set -g __prodguard_segment ''
set -g __prodguard_defs
# mkdir is a process start: only when the folder is missing.
test -d $__prodguard_run; or command mkdir -p -m 700 -- $__prodguard_run 2>/dev/null

# See prodguard.bash: computedCommandWord and writesSomewhere in src/shell/prefilter.ts.
# Both take the line as one argument per line of text (how fish passes a substitution's output).
function __prodguard_computed_command
    set -l text (string join \n -- $argv | string collect)
    set -l position 1
    set -l skip 0
    set -l launched 0
    for w in (string replace -ra -- '[;&|()\n]' ' ; ' $text | string replace -ra -- '\s' ' ' | string split -n -- ' ')
        if test "$w" = ';'
            set position 1
            set skip 0
            set launched 0
            continue
        end
        # A word up to its first redirection is what could be a command (`true>/dev/null` is true).
        if test $launched = 1
            string replace -r -- '[<>].*' '' $w | string match -qr -- '[$`*?/]'; and return 0
            continue
        end
        test $position = 1; or continue
        if test $skip = 1
            set skip 0
            continue
        end
        set w (string lower -- $w)
        if string match -qr -- '^[0-9<>]*[<>]$' $w
            set skip 1
            continue
        end
        string match -qr -- '^[0-9<>].*[<>]|^[0-9<>]*[<>]|^[a-z_][a-z0-9_+]*=' $w; and continue
        contains -- $w $__prodguard_prefixes; and continue
        if contains -- $w $__prodguard_launchers
            set launched 1
            continue
        end
        set w (string replace -r -- '[<>].*' '' $w)
        # A path (./deploy.sh) runs a script prodguard reads.
        string match -qr -- '[$`*?/]' $w; and return 0
        string match -q -- '*[*' $w; and not contains -- $w '[' '[['; and return 0
        # `.` sources a file the line does not show.
        test "$w" = .; and return 0
        set position 0
    end
    return 1
end

function __prodguard_writes
    set -l text (string join \n -- $argv | string collect)
    for m in (string lower -- $text | string match -ar -- '>[>|&]?\s*[^\s;&|()<>]*')
        set -l rest (string sub -s 2 -- $m)
        set -l target (string replace -r -- '^[>|&]?\s*' '' $rest)
        test -n "$target"; and contains -- $target $__prodguard_harmless_targets; and continue
        string match -qr -- '^&\s*([0-9]+|-)$' $rest; and continue
        return 0
    end
    return 1
end

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
    # A command word the shell computes, and redirections that write somewhere.
    test $hit = 0; and string match -qr -- '[$`*?.[/]' $bare; and __prodguard_computed_command $bare; and set hit 1
    test $hit = 0; and test "$__prodguard_redirects" = 1; and string match -q -- '*>*' $bare; and __prodguard_writes $bare; and set hit 1
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
        case $__prodguard_exit_run $__prodguard_exit_unparsed
            return 0
        case $__prodguard_exit_refused 130
            return 1
        case $__prodguard_exit_stale_confirmed_run
            set -g __prodguard_since (date +%s)
            return 0
        case $__prodguard_exit_stale_confirmed_refused
            set -g __prodguard_since (date +%s)
            return 1
    end
    set -l first (head -n1 $__prodguard_base.err 2>/dev/null)
    test -n "$first"; or set first "exit status $code"
    echo "prodguard: the guard failed ($first); this line runs unchecked" >&2
    return 0
end

function __prodguard_refused
    isatty stderr; and test "$TERM" != dumb; and printf '\e[1A\e[2K' >&2
    return 1
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
            # Nothing of the line runs: fish runs __prodguard_refused instead (a leading space
            # keeps it out of history), which sets $status to 1 and takes itself off the screen.
            commandline -r ' __prodguard_refused'
            commandline -f execute
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
    set -l key "$PWD|$NO_COLOR"
    for v in $__prodguard_key_variables
        set key "$key|$$v"
    end
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
    # For prompt tools that read the environment (starship's env_var module); not *_ENV, which
    # prodguard itself reads as an environment name.
    if test -n "$__prodguard_segment"
        set -gx PRODGUARD_SEGMENT $__prodguard_segment
        set -gx PRODGUARD_SEGMENT_LEVEL $__prodguard_level
    else
        set -e PRODGUARD_SEGMENT
        set -e PRODGUARD_SEGMENT_LEVEL
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
