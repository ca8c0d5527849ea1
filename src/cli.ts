// The command-line contract (DESIGN.md). Commands load lazily: `check -c` pays only for the
// parser and the rules it needs, not for prompts, pg or the SQL parser.

import { Command, CommanderError, Option } from 'commander';
import { EXIT, ProdguardError, UsageError } from './errors.js';
import { redact } from './util/redact.js';
import { registerShellCommands } from './shell/register.js';
import { registerLintCommand } from './lint/register.js';
import { wantsJsonOutput } from './cli-json-mode.js';
import { renderJsonError } from './report/json-error.js';
import { writeStderr, writeStdout } from './util/stdio.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function commonOptions(command: Command): Command {
  return command
    .option('--config <file>', 'use this config file instead of .prodguard.yml found upward')
    .option('--no-probe', 'never open a network connection to ask a database what it is')
    .option('--override <rule=target>', 'deliberately allow one finding, naming its rule and target (repeatable)', collect, []);
}

/** The program's root: its name, version, and how usage errors are printed. */
function rootCommand(): Command {
  return new Command('prodguard')
    .description('Stops the commands that destroyed production data in real incidents.')
    .version(process.env.PRODGUARD_VERSION ?? 'development', '-V, --version')
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeErr: (text) => writeStderr(text),
      // Usage errors are one line: what is wrong, and where to look.
      outputError: (text, write) =>
        write(
          `prodguard: ${text
            .trim()
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')} (see prodguard --help)\n`,
        ),
    });
}

/**
 * `prodguard lint …` with only the lint command registered: building every command (about 20,
 * each with its options) cost a lint more than reading its own arguments. What lint's parsing
 * and its `--help` print depends on the lint command alone.
 */
function buildLintProgram(): Command {
  const program = rootCommand();
  registerLintCommand(program);
  return program;
}

/** `prodguard check`: judge a line, SQL or argv and report (DESIGN.md's contract). */
function registerCheckCommand(program: Command): void {
  commonOptions(
    program
      .command('check')
      .description('judge a command and report; never runs it (exit 0 allow/warn, 3 confirm, 4 block)')
      .option('--json', 'print one JSON object')
      .option('-c <line>', 'a shell line to judge')
      .option('--sql <sql>', 'SQL to judge against --url or the database the environment points at')
      .option('--url <database-url>', 'the database the --sql would run against')
      .argument('[command...]', 'the command after --')
      .passThroughOptions(),
  ).action(async (argv: string[], options) => {
    const { runCheck } = await import('./commands/check.js');
    process.exitCode = await runCheck(options, argv);
  });
}

/**
 * `prodguard check …` with only the check command registered, as lint has: a risky line judged
 * in its own process built all twenty commands, each with its options, to read its arguments
 * (~9 M instructions, 4% of the process; valgrind). Check's parsing, errors and `--help` depend
 * on the check command alone.
 */
function buildCheckProgram(): Command {
  const program = rootCommand();
  registerCheckCommand(program);
  return program;
}

export function buildProgram(): Command {
  const program = rootCommand();

  registerCheckCommand(program);

  commonOptions(
    program
      .command('run')
      .description('judge a command, then run it, ask for the target name, or refuse')
      .option('-c <line>', 'a shell line to run with bash')
      .argument('[command...]', 'the command after --')
      .passThroughOptions(),
  ).action(async (argv: string[], options) => {
    const { runRun } = await import('./commands/run.js');
    process.exitCode = await runRun(options, argv);
  });

  program
    .command('explain')
    .description('show a rule: what it matches, the incident behind it, why and how to fix')
    .argument('<rule>', 'rule id, e.g. filesystem/rm-data-directory')
    .option('--json', 'print one JSON object')
    .option('--config <file>', 'config file (for user rules)')
    .action(async (rule: string, options) => {
      const { runExplain } = await import('./commands/info.js');
      process.exitCode = await runExplain(rule, options);
    });

  program
    .command('rules')
    .description('list the rules')
    .option('--json', 'print JSON')
    .option('--ids', 'print only the rule ids, one a line (for shell completion and scripts)')
    .option('--config <file>', 'config file (for user rules and severity overrides)')
    .action(async (options) => {
      const { runRules } = await import('./commands/info.js');
      process.exitCode = await runRules(options);
    });

  program
    .command('status')
    .description('what this shell points at, and how each target was classified')
    .option('--json', 'print JSON')
    .option('--config <file>', 'config file')
    .option('--no-probe', 'do not ask databases what they are')
    .action(async (options) => {
      const { runStatus } = await import('./commands/status.js');
      process.exitCode = await runStatus(options);
    });

  program
    .command('trust')
    .description("let this repository's .prodguard.yml loosen rules (pinned by hash, like direnv allow)")
    .argument('[dir]', 'folder holding .prodguard.yml (default: the working directory)')
    .option('--list', 'list trusted repository configs')
    .option('--revoke', 'stop trusting it')
    .action(async (dir: string | undefined, options) => {
      const { runTrust } = await import('./commands/trust.js');
      process.exitCode = await runTrust(dir, options);
    });

  program
    .command('test-rules')
    .description("run the must-flag and must-pass examples of a rule folder or policy pack (for pack authors' CI)")
    .argument('[path]', 'a rules/ folder or a pack holding one (default: the working directory)')
    .action(async (path: string | undefined) => {
      const { runTestRules } = await import('./commands/test-rules.js');
      process.exitCode = await runTestRules(path);
    });

  program
    .command('mark')
    .description('record in the database itself what it is: ALTER DATABASE … SET prodguard.environment')
    .argument('<url>', 'PostgreSQL connection URL (the role must be allowed to ALTER DATABASE)')
    .argument('<environment>', 'production, staging, development, test or local')
    .option('--timeout <ms>', 'connect and statement timeout')
    .action(async (url: string, environment: string, options) => {
      const { runMark } = await import('./commands/mark.js');
      process.exitCode = await runMark(url, environment, options);
    });

  for (const client of ['psql', 'mysql', 'redis-cli', 'mongosh']) {
    commonOptions(
      program
        .command(client)
        .description(`run ${client} through prodguard${client === 'psql' ? ' (interactive sessions on production open read-only)' : ''}`)
        .option('--writable', 'psql: open an interactive session on production writable, deliberately')
        .argument('[args...]', `${client}'s own arguments`)
        .allowUnknownOption()
        .passThroughOptions()
        .helpOption('--prodguard-help', "show prodguard's help for this wrapper"),
    ).action(async (args: string[], options) => {
      const { runClient } = await import('./commands/client.js');
      process.exitCode = await runClient(client, args, options);
    });
  }

  program
    .command('log')
    .description('read the audit log of confirmations, overrides and refusals, newest first')
    .option('--since <when>', 'only entries since a date (2026-11-28, ISO time) or a duration ago (30m, 12h, 7d)')
    .option('--rule <id>', 'only entries with a finding of this rule')
    .option('--verdict <verdict>', 'only entries with this verdict (warn, confirm, block)')
    .option('--action <action>', 'only entries of this action (confirmed, overridden, refused)')
    .option('-n, --limit <count>', 'at most this many entries')
    .option('--json', 'print JSON lines, one entry each')
    .action(async (options) => {
      const { runLog } = await import('./commands/log.js');
      process.exitCode = await runLog(options);
    });

  for (const [name, install] of [
    ['install', true],
    ['uninstall', false],
  ] as const) {
    program
      .command(name)
      .description(`${install ? 'write' : 'remove'} prodguard's hook ${install ? 'into' : 'from'} a coding agent's settings: claude-code, gemini or cursor`)
      .argument('<agent>', 'claude-code (~/.claude/settings.json), gemini (~/.gemini/settings.json) or cursor (~/.cursor/hooks.json)')
      .option('--project', "this project's settings (.claude/settings.json, …) instead of the user's")
      .option('--json', 'print the outcome as JSON')
      .action(async (agent: string, options) => {
        const { runInstallAgent } = await import('./commands/install-agent.js');
        process.exitCode = runInstallAgent(agent, install, options);
      });
  }

  program
    .command('completion')
    .description('print the shell completion script: source <(prodguard completion bash) (zsh alike; fish: prodguard completion fish | source)')
    .argument('<shell>', 'bash, zsh or fish')
    .action(async (shell: string) => {
      const { renderCompletion } = await import('./shell/completion.js');
      const script = renderCompletion(shell, program);
      if (script === undefined) throw new UsageError(`no completion for shell "${shell}"`, 'use bash, zsh or fish (e.g. prodguard completion bash)');
      process.stdout.write(script);
    });

  registerLintCommand(program);
  registerShellCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = argv[2] === 'lint' ? buildLintProgram() : argv[2] === 'check' ? buildCheckProgram() : buildProgram();
  // `-v` as well as `-V`/`--version`, as most CLIs accept (commander takes one short flag).
  if (argv.length === 3 && argv[2] === '-v') argv = [...argv.slice(0, 2), '--version'];
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = handleError(error, { json: wantsJsonOutput(program, argv) });
  }
}

/**
 * Prints an error as one line on stderr and, when the command line asked for JSON, as one JSON
 * object on stdout too; returns the exit code.
 */
export function handleError(error: unknown, options: { json?: boolean } = {}): number {
  const exitCode = reportError(error);
  const shown = !(error instanceof CommanderError) || exitCode !== EXIT.ok;
  if (options.json && shown) writeStdout(renderJsonError(error, exitCode));
  return exitCode;
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander already printed its one line (unknown option, missing argument) or the help.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof ProdguardError) {
    writeStderr(`prodguard: ${redact(error.message)}${error.hint ? ` (${redact(error.hint)})` : ''}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  writeStderr(`prodguard: internal error — please report it with the command you ran:\n${redact(detail)}\n`);
  return EXIT.internal;
}

export { UsageError, Option };
