import { css } from "lit";

export const styles = css`
  :host {
    display: block;
    position: relative;
    box-sizing: border-box;
    color: var(--live-plot-color, inherit);
    background: var(--live-plot-background, transparent);
    font: var(--live-plot-font, 13px/1.4 system-ui, sans-serif);
  }
  :host([hidden]) {
    display: none;
  }
  .plot {
    min-height: var(--live-plot-min-height, 0);
  }
  [part~="follow"] {
    position: absolute;
    top: 0.4em;
    left: 4em;
    z-index: 1;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin-top: 0.4em;
  }
  [part~="controls"] {
    display: flex;
    gap: 0.4em;
  }
  button {
    font: inherit;
    padding: 0.25em 0.9em;
    border: 1px solid var(--live-plot-button-border, #8a8f98);
    border-radius: 4px;
    background: var(--live-plot-button-background, #f4f5f7);
    color: var(--live-plot-button-color, #1d2230);
    cursor: pointer;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:focus-visible {
    outline: 2px solid var(--live-plot-focus, #2f6fde);
    outline-offset: 1px;
  }
  [part~="legend"] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em 0.8em;
    margin-bottom: 0.3em;
  }
  [part~="legend-item"] {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    padding: 0.1em 0.4em;
    border-color: transparent;
    background: transparent;
    color: inherit;
  }
  [part~="legend-item"][aria-pressed="false"] {
    opacity: 0.45;
    text-decoration: line-through;
  }
  .swatch {
    width: 1.2em;
    height: 0.35em;
    border-radius: 2px;
  }
  [part~="crosshair"] {
    position: absolute;
    z-index: 2;
    width: 0;
    border-left: 1px dashed var(--live-plot-crosshair-color, #8a8f98);
    pointer-events: none;
  }
  [part~="readout"] {
    position: absolute;
    z-index: 3;
    margin: 0.3em 0.5em 0;
    padding: 0.2em 0.5em;
    border-radius: 4px;
    background: var(--live-plot-readout-background, rgba(255, 255, 255, 0.92));
    color: var(--live-plot-readout-color, #1d2230);
    box-shadow: 0 1px 3px rgba(0, 0, 0, 0.25);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
    pointer-events: none;
  }
  [part~="readout"] .at {
    opacity: 0.6;
  }
  [part~="readout"] .swatch {
    display: inline-block;
    margin-right: 0.4em;
    vertical-align: middle;
  }
  [part~="stats"] {
    font-variant-numeric: tabular-nums;
    color: var(--live-plot-stats-color, #555b66);
  }
  [part~="error"] {
    margin: 0.4em 0;
    padding: 0.5em 0.8em;
    border-left: 4px solid var(--live-plot-error-color, #c62828);
    background: var(--live-plot-error-background, #fdecea);
    color: var(--live-plot-error-text, #5f1111);
    white-space: pre-wrap;
    /* URLs in messages break anywhere rather than run out of the box. */
    overflow-wrap: anywhere;
  }
`;
