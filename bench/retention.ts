// The real app, mounted as src/main.tsx mounts it, then the retention bench harness.
import '../src/main';
import './page/retention-harness';
