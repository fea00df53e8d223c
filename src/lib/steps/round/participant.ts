// A round is answered on a phone as a brainstorm.
export { default } from '../brainstorm/participant';
