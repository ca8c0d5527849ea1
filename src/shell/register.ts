// Commands of the shell integration (issue 4): registered here so cli.ts stays small. Each action
// loads its module only when run: the shell hook's startup is a budget.
import type { Command } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerShellCommands(program: Command): void {
  program
    .command('init')
    .description('print the shell integration: eval "$(prodguard init bash)" (zsh alike; fish: prodguard init fish | source)')
    .argument('<shell>', 'bash, zsh or fish')
    .option('--config <file>', 'config file (its rule folders feed the prefilter)')
    .option('--no-prompt', 'leave the prompt alone (the segment is still in $__prodguard_segment)')
    .option('--no-warm', 'no warm checker process per shell (every checked line starts prodguard)')
    .action(async (shell: string, options) => {
      const { runInit } = await import('../commands/init.js');
      process.exitCode = await runInit(shell, options);
    });

  program
    .command('prompt')
    .description('the environment this shell points at, for the prompt (e.g. PROD db1.cluster…); empty when nothing is notable')
    .option('--format <shell>', 'print variable assignments for the init snippet (bash, zsh or fish)')
    .option('--config <file>', 'config file')
    .action(async (options) => {
      const { runPrompt } = await import('../commands/prompt.js');
      process.exitCode = await runPrompt(options);
    });

  program
    .command('hook')
    .description(
      'answer a coding agent before it runs a shell command: claude-code (PreToolUse), gemini (BeforeTool), cursor (beforeShellExecution) or json (like check --json)',
    )
    .argument('<agent>', 'claude-code, gemini, cursor or json')
    .option('--config <file>', 'config file')
    .option('--no-probe', 'never open a network connection to ask a database what it is')
    .action(async (agent: string, options) => {
      const { runHook } = await import('../commands/hook.js');
      process.exitCode = await runHook(agent, options);
    });

  program
    .command('hook-check', { hidden: true })
    .description('internal: judge a line for the shell hook, ask on the terminal, answer by exit code')
    .requiredOption('--shell <shell>', 'bash, zsh or fish')
    .option('-c <line>', 'the command line')
    .option('--since <epoch>', 'since when the shell has pointed at production (stale shells)')
    .option('--define <definition>', 'alias:name=value or function:text the line refers to (repeatable)', collect, [])
    .option('--warm <base>', 'start the warm checker at this path if it is not running')
    .option('--shell-pid <pid>', 'the shell process')
    .option('--echo <text>', 'the prompt and line the shell cleared from the screen, shown again before anything is said')
    .action(async (options) => {
      const { runHookCheck } = await import('../commands/hook-check.js');
      process.exitCode = await runHookCheck(options);
    });

  program
    .command('serve', { hidden: true })
    .description('internal: the warm checker of one shell')
    .requiredOption('--base <path>', 'path prefix of the FIFO pair')
    .requiredOption('--shell-pid <pid>', 'exit when this process is gone')
    .action(async (options) => {
      const { runServe } = await import('../commands/serve.js');
      process.exitCode = await runServe(options);
    });

  program
    .command('serve-one-shot', { hidden: true })
    .description('internal: the warm checker of one-shot check -c and agent hooks (started by them)')
    .requiredOption('--folder <path>', "the server's private folder (requests and answers)")
    .requiredOption('--bundle <file>', "the build's bundle: the server ends when it changes")
    .action(async (options) => {
      const { runServeOneShot } = await import('../commands/serve-one-shot.js');
      process.exitCode = await runServeOneShot(options);
    });
}
