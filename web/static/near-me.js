// "Near me" on the catalog's filter form: the browser's position is asked for only when the
// button is pressed; the form is then sent with near=lat,lng and sort=distance. Without
// geolocation (or JavaScript) the button stays hidden and the filters work as before.
(() => {
  const button = document.querySelector('button[data-near-me]');
  // Browsers locate only for secure pages (HTTPS, or this machine).
  if (!button || !('geolocation' in navigator) || !window.isSecureContext) return;
  const form = button.form;
  const status = document.getElementById('near-me-status');
  const field = (name) => {
    let input = form.querySelector(`input[type=hidden][name="${name}"]`);
    if (!input) {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      form.appendChild(input);
    }
    return input;
  };
  button.hidden = false;
  button.addEventListener('click', () => {
    button.disabled = true;
    status.textContent = button.dataset.asking;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        // Four decimals: about ten metres, as precise as a listing needs and no more.
        const { latitude, longitude } = position.coords;
        field('near').value = `${latitude.toFixed(4)},${longitude.toFixed(4)}`;
        field('sort').value = 'distance';
        // Where you are, not a city chosen before.
        const city = form.querySelector('select[name=city]');
        if (city) city.value = '';
        form.submit();
      },
      (error) => {
        button.disabled = false;
        status.textContent = error.code === error.PERMISSION_DENIED ? button.dataset.refused : button.dataset.failed;
      },
      { maximumAge: 600000, timeout: 15000 },
    );
  });
})();
