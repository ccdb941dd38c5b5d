/** Multi-step input of information requests, kept in the `conversation` table by the chat core. */

export interface PickOption {
  unitId: string;
  code: string;
  topic: string | null;
}

export type InfoConversation =
  /** `/tanya <topik> …` proposed units; the next number (or button) picks one. */
  | { kind: 'ir_pick'; question: string; options: PickOption[] }
  /** "Balas" was pressed; the next text is the answer. */
  | { kind: 'ir_answer'; requestId: string };

export function isInfoConversation(state: { kind: string }): state is InfoConversation {
  return state.kind === 'ir_pick' || state.kind === 'ir_answer';
}
