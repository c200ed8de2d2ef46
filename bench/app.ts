// The real app, mounted exactly as src/main.tsx mounts it (with src/index.css),
// then the bench harness that drives it.
import '../src/main';
import './page/app-harness';
