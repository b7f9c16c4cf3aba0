/** The shortest password the server accepts (it also refuses the username and common ones). */
export const PASSWORD_MIN_LENGTH = 10
