// Types of the charting library the server serves at /counter/vendor/uPlot.esm.js (from the uplot npm package).
import uPlot from 'uplot';
export default uPlot;
