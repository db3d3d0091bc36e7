/**
 * Step-cost calibration: a linear step-cost model of the DistServe/Vidur form, fitted by
 * non-negative weighted least squares to measured steps (from a DJL engine, or published timings).
 */
package dev.aiosim.inference.calibrate;
