#!/usr/bin/env node
// Tiny on purpose: startup is a budget (the shell hook runs before every command).
import('../dist/cli.js')
  .then(({ main }) => main(process.argv))
  .catch((error) => {
    process.stderr.write(`prodguard: cannot start (${error && error.message}); run "npm run build" in the prodguard folder\n`);
    process.exitCode = 1;
  });
