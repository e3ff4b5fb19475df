// A damped, driven pendulum in the classic chaotic regime (Baker & Gollub):
// θ'' = −sin θ − damping · θ' + drive · cos(frequency · t). State (θ, θ').
export default function pendulum(t, [theta, omega], { damping = 0.5, drive = 1.5, frequency = 2 / 3 } = {}) {
  return [omega, -Math.sin(theta) - damping * omega + drive * Math.cos(frequency * t)];
}
