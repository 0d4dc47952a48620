# The web app's production image: built with the SDK, run on the ASP.NET runtime as a non-root user.
# .dockerignore keeps the host's bin/, obj/, data/, tests and secrets out of the build context.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Exam.Web/Exam.Web.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
COPY itembank /itembank
# The cookie key ring lives on a volume mounted here: owned by the app's user (a new named volume takes this
# ownership) and closed to everyone else. The keys in it are encrypted to the key-ring certificate (see compose).
RUN mkdir -p /keys && chown app:app /keys && chmod 700 /keys
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DataProtection__KeysPath=/keys
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "Exam.Web.dll"]
