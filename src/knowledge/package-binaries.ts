// npm packages whose binary has another name: `npx aws-cdk destroy` runs `cdk destroy`. npx,
// `pnpm dlx`, `yarn dlx` and bunx take a package name and run its binary; rules are written about
// the binary (`cdk destroy`, `sequelize db:drop`), so the runner reads the package's name here.
// Only packages whose binary names a tool a rule or the knowledge base knows.
import { table } from '../util/dict.js';

export const PACKAGE_BINARIES: Readonly<Record<string, string>> = table({
  'aws-cdk': 'cdk',
  'sequelize-cli': 'sequelize',
  '@mikro-orm/cli': 'mikro-orm',
  '@prisma/cli': 'prisma',
  'firebase-tools': 'firebase',
  'netlify-cli': 'netlify',
  '@railway/cli': 'railway',
  '@nestjs/cli': 'nest',
  '@angular/cli': 'ng',
  'heroku-cli': 'heroku',
  '@aws-amplify/cli': 'amplify',
  '@salesforce/cli': 'sf',
});
