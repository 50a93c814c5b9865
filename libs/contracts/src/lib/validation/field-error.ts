export interface FieldError {
  /** Dotted path of the bad field, e.g. `supervision.offenderManager.email`. */
  field: string;
  messages: string[];
}
