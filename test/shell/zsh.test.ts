// The prodguard hook in a real interactive zsh, driven through tmux (see scenarios.ts).
import { shellScenarios } from './scenarios.js';

shellScenarios('zsh');
