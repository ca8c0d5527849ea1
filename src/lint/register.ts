// The lint command (issue 5): registered here so cli.ts stays small.
import type { Command } from 'commander';

export function registerLintCommand(program: Command): void {
  program
    .command('lint')
    .description('scan CI files, scripts, Makefiles, package.json, Dockerfiles, .env files and SQL migrations')
    .argument('[paths...]', 'files or folders (default: .)')
    .option('--format <format>', 'text, json, sarif, github or compact (default: github when GITHUB_ACTIONS is set, else text)')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above warn, confirm or block', 'warn')
    .option('--baseline <file>', 'report only findings not in this baseline file')
    .option('--write-baseline <file>', 'write the current findings as a baseline and exit 0')
    .option('--config <file>', 'config file (user rules, severity overrides)')
    .option('--exclude <glob>', 'leave out files matching this .gitignore-style glob (repeatable)', (glob: string, previous: string[] = []) => [
      ...previous,
      glob,
    ])
    .action(async (paths: string[], options) => {
      const { runLint } = await import('../commands/lint.js');
      process.exitCode = await runLint(paths, options);
    });
}
