// What a phone loads of this kind: its participant view only (views.ts has all three).
export { default } from './ChecklistParticipant.svelte';
