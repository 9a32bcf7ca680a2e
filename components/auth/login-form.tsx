"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { signInAction } from "@/app/(auth)/actions";
import { ZSignIn, type TSignIn } from "@/lib/schemas/users";
import { Button } from "@/components/ui/button";
import { describedBy, Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<TSignIn>({ resolver: zodResolver(ZSignIn), defaultValues: { email: "", password: "", callbackUrl } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    // On success the action redirects and this promise never settles with a result.
    const result = await signInAction(values);
    if (result && !result.ok) setFormError(result.error.message);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <Field id="email" label="Email" error={errors.email?.message}>
        <TextInput
          id="email"
          type="email"
          autoComplete="username"
          autoFocus
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy("email", errors.email?.message)}
          {...register("email")}
        />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <TextInput
          id="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={describedBy("password", errors.password?.message)}
          {...register("password")}
        />
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
