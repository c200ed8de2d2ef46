// The real app, mounted as src/main.tsx mounts it, then the search bench harness.
import '../src/main';
import './page/search-harness';
