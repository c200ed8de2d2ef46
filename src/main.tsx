import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { CommandPaletteHost } from './app/command-palette-host';
import { installCommands } from './app/command-keys';
import { startApp } from './store/actions';
import { startThemeSync } from './features/theme/theme-sync';
import { startDeepLinks } from './features/deep-link/apply-deep-link';
import { registerServiceWorker } from './features/pwa/register-sw';
import { startAutomation } from './features/schedule/utils/automation';
import { startBufferedSamples } from './features/charts/buffered-samples';
import { repairAutomateState } from './store/automate-actions';
import { repairScriptsState } from './store/scripts-actions';
import { startScripts } from './features/scripts/start-scripts';
import './index.css';

startThemeSync();
startDeepLinks();
startApp();
repairAutomateState();
repairScriptsState();
startScripts();
startAutomation();
startBufferedSamples();
registerServiceWorker();
installCommands();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
    <CommandPaletteHost />
  </StrictMode>,
);
