// Commands of the shell integration (issue 4): registered here so cli.ts stays small.
import type { Command } from 'commander';

export function registerShellCommands(_program: Command): void {
  // Filled in by the shell integration.
}
