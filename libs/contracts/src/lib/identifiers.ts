// Identity formats from docs/hub-interface.md §1.
export const PRISON_NUMBER_PATTERN = /^[A-Z][0-9]{4}[A-Z]{2}$/;
export const ESTABLISHMENT_PATTERN = /^[A-Z]{3}$/;
export const LOCAL_AUTHORITY_CODE_PATTERN = /^[EW][0-9]{8}$/;
export const ORGANISATION_ID_PATTERN = /^[a-z0-9-]{3,64}$/;
