"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { createUserAction } from "@/app/(app)/admin/users/actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, SelectInput, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ROLE_LABELS, ROLES, ZCreateUser } from "@/lib/schemas/users";

type TForm = z.input<typeof ZCreateUser>;

export function CreateUserForm() {
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const { register, handleSubmit, reset, setError, formState } = useForm<TForm>({
    resolver: zodResolver(ZCreateUser),
    defaultValues: { email: "", name: "", role: "REP", timezone: "UTC", password: "" },
  });
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await createUserAction(values);
    if (result.ok) {
      setMessage({ tone: "success", text: `${result.data.name} can now sign in as ${ROLE_LABELS[result.data.role]}.` });
      reset();
      return;
    }
    for (const [field, messages] of Object.entries(result.error.fields ?? {})) {
      if (field in values) setError(field as keyof TForm, { message: messages[0] });
    }
    setMessage({ tone: "error", text: result.error.message });
  });

  const fieldProps = (name: keyof TForm) => ({
    id: `new-user-${name}`,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": describedBy(`new-user-${name}`, errors[name]?.message),
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a user" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2">
      <h2 className="font-semibold md:col-span-2">Add a user</h2>
      {message ? (
        <div className="md:col-span-2">
          <Notice tone={message.tone}>{message.text}</Notice>
        </div>
      ) : null}
      <Field id="new-user-name" label="Name" error={errors.name?.message}>
        <TextInput {...fieldProps("name")} {...register("name")} />
      </Field>
      <Field id="new-user-email" label="E-mail" error={errors.email?.message}>
        <TextInput type="email" {...fieldProps("email")} {...register("email")} />
      </Field>
      <Field id="new-user-role" label="Role" error={errors.role?.message}>
        <SelectInput {...fieldProps("role")} {...register("role")}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectInput>
      </Field>
      <Field id="new-user-timezone" label="Timezone" hint="IANA name, e.g. Europe/Berlin" error={errors.timezone?.message}>
        <TextInput {...fieldProps("timezone")} {...register("timezone")} />
      </Field>
      <Field id="new-user-password" label="Initial password" hint="At least 12 characters" error={errors.password?.message}>
        <TextInput type="password" autoComplete="new-password" {...fieldProps("password")} {...register("password")} />
      </Field>
      <div className="flex items-end">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Adding…" : "Add user"}
        </Button>
      </div>
    </form>
  );
}
