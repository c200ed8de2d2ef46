// The real app, mounted as src/main.tsx mounts it, then the charts bench harness.
import '../src/main';
import './page/charts-harness';
