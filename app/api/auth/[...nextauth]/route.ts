import { handleAuthRoute } from "@/lib/auth/next-auth";

export { handleAuthRoute as GET, handleAuthRoute as POST };
