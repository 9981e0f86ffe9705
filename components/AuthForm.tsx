import type { FormErrors } from "../lib/auth/forms.ts";

/** Props of {@linkcode AuthForm}. */
export interface AuthFormProps {
  /** Which form: creates an account or signs in. */
  mode: "register" | "login";
  /** Values to keep in the fields after an error (never the password). */
  values?: { email?: string; name?: string };
  /** Messages per field (`email`, `password`, `name`) and for the whole form (`form`). */
  errors?: FormErrors;
  /** Where to go after success (a same-site path). */
  next?: string;
}

/** The register / login form: plain HTML that works without JavaScript. */
export function AuthForm({ mode, values = {}, errors = {}, next }: AuthFormProps) {
  const register = mode === "register";
  const action = register ? "/register" : "/login";
  return (
    <form method="post" action={action} class="auth-form" noValidate>
      {errors.form && <p class="form-error" role="alert" id="form-error">{errors.form}</p>}
      {next && <input type="hidden" name="next" value={next} />}
      <Field
        id="email"
        label="Email"
        type="email"
        autoComplete={register ? "email" : "username"}
        value={values.email}
        error={errors.email}
        required
      />
      {register && (
        <Field
          id="name"
          label="Name"
          hint="(optional)"
          type="text"
          autoComplete="name"
          value={values.name}
          error={errors.name}
        />
      )}
      <Field
        id="password"
        label="Password"
        hint={register ? "(8 to 256 characters)" : undefined}
        type="password"
        autoComplete={register ? "new-password" : "current-password"}
        error={errors.password}
        required
      />
      <button type="submit" class="button primary">
        {register ? "Create account" : "Sign in"}
      </button>
      <p class="auth-switch">
        {register
          ? (
            <>
              Already have an account? <a href={withNext("/login", next)}>Sign in</a>
            </>
          )
          : (
            <>
              New here? <a href={withNext("/register", next)}>Create an account</a>
            </>
          )}
      </p>
    </form>
  );
}

interface FieldProps {
  id: "email" | "name" | "password";
  label: string;
  hint?: string;
  type: string;
  autoComplete: string;
  value?: string;
  error?: string;
  required?: boolean;
}

function Field({ id, label, hint, type, autoComplete, value, error, required }: FieldProps) {
  const errorId = `${id}-error`;
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>
        {label}
        {hint && <span class="field-hint">{hint}</span>}
      </label>
      <input
        id={id}
        name={id}
        type={type}
        autoComplete={autoComplete}
        value={value ?? ""}
        required={required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {error && <p class="field-error" id={errorId}>{error}</p>}
    </div>
  );
}

function withNext(path: string, next: string | undefined): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}
