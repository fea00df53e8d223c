// A round is shown as a brainstorm (its views tell the two apart by the step's type).
export { default } from '../brainstorm/views';
