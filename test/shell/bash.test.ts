// The prodguard hook in a real interactive bash, driven through tmux (see scenarios.ts).
import { shellScenarios } from './scenarios.js';

shellScenarios('bash');
