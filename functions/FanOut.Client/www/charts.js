// Small canvas charts for the dashboard: lines over the last N seconds, and sparklines. Crisp on any pixel
// ratio; a null value leaves a gap.

function prepare(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const context = canvas.getContext('2d');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return { context, width, height };
}

/** A round number at or above `value` (1, 2, 5 × 10^n), so axis labels read well. */
export function niceCeiling(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((n) => n >= value);
}

const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{ series: { values: (number|null)[], color: string, fill?: boolean }[], unit?: string, seconds: number }} chart
 */
export function drawLines(canvas, { series, unit = '', seconds }) {
  const { context: c, width, height } = prepare(canvas);
  const all = series.flatMap((s) => s.values).filter((v) => v !== null && Number.isFinite(v));
  const top = niceCeiling(Math.max(...all, 0) * 1.1);
  const label = (value) => `${+value.toFixed(value < 10 ? 1 : 0)}${unit}`;
  c.font = '11px system-ui, sans-serif';
  const labelWidth = Math.max(...[0, 1, 2, 3, 4].map((i) => c.measureText(label((top * i) / 4)).width));
  const pad = { left: Math.ceil(labelWidth) + 12, right: 10, top: 10, bottom: 22 };
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const count = Math.max(...series.map((s) => s.values.length), 2);
  const x = (i) => pad.left + (plotWidth * i) / (count - 1);
  const y = (v) => pad.top + plotHeight - (plotHeight * v) / top;

  c.fillStyle = css('--muted');
  c.strokeStyle = css('--line');
  c.lineWidth = 1;
  for (let i = 0; i <= 4; i++) {
    const value = (top * i) / 4;
    const yy = Math.round(y(value)) + 0.5;
    c.beginPath();
    c.moveTo(pad.left, yy);
    c.lineTo(width - pad.right, yy);
    c.stroke();
    c.textAlign = 'right';
    c.textBaseline = 'middle';
    c.fillText(label(value), pad.left - 6, yy);
  }
  c.textAlign = 'center';
  c.textBaseline = 'top';
  for (const [i, label] of [[0, `-${seconds}s`], [(count - 1) / 2, `-${Math.round(seconds / 2)}s`], [count - 1, 'now']]) {
    c.fillText(label, x(i), height - pad.bottom + 6);
  }

  for (const line of series) {
    c.strokeStyle = line.color;
    c.lineWidth = 2;
    c.lineJoin = 'round';
    let open = false;
    c.beginPath();
    line.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        open = false;
        return;
      }
      if (open) c.lineTo(x(i), y(v));
      else c.moveTo(x(i), y(v));
      open = true;
    });
    c.stroke();
    if (line.fill) {
      const gradient = c.createLinearGradient(0, pad.top, 0, pad.top + plotHeight);
      gradient.addColorStop(0, `${line.color}55`);
      gradient.addColorStop(1, `${line.color}00`);
      c.fillStyle = gradient;
      c.beginPath();
      c.moveTo(x(0), y(0));
      line.values.forEach((v, i) => c.lineTo(x(i), y(v ?? 0)));
      c.lineTo(x(line.values.length - 1), y(0));
      c.closePath();
      c.fill();
    }
  }
}

/** A tiny line without axes, scaled to its own maximum (at least `floor`, so small numbers stay small). */
export function drawSparkline(canvas, values, color, floor = 1) {
  const { context: c, width, height } = prepare(canvas);
  const numbers = values.map((v) => (v === null || !Number.isFinite(v) ? 0 : v));
  const top = Math.max(...numbers, floor);
  const x = (i) => (width * i) / Math.max(numbers.length - 1, 1);
  const y = (v) => height - 2 - ((height - 4) * v) / top;
  c.beginPath();
  numbers.forEach((v, i) => (i ? c.lineTo(x(i), y(v)) : c.moveTo(x(i), y(v))));
  c.strokeStyle = color;
  c.lineWidth = 1.5;
  c.stroke();
  c.lineTo(width, height);
  c.lineTo(0, height);
  c.closePath();
  c.fillStyle = `${color}22`;
  c.fill();
}
